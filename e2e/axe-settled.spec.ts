import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

/**
 * The accessibility scan must not race animations: a pop-up fading in has low contrast until it is
 * opaque. These pages animate on purpose (ignoring reduced motion) to pin the helper's behaviour.
 */
const FADING = `<!doctype html><html lang="en"><title>fade</title><style>
  @keyframes fade { from { opacity: 0.15 } to { opacity: 0.15 } }
  p { color: #222; background: #fff; font-size: 16px; }
  .fading { animation: fade 3s steps(1, end); }
</style><main><p class="fading">A card that fades in</p></main></html>`;

test('a scan while a card fades in reports low contrast (the race the helper prevents)', async ({ page }) => {
  await page.setContent(FADING);
  const ids = (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);
  expect(ids).toContain('color-contrast');
});

test('expectAccessible scans only once the fade has finished', async ({ page }) => {
  await page.setContent(FADING);
  await expectAccessible(page);
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
});

test('every browser context of the suite prefers reduced motion, which the apps honour', async ({ page, browser }) => {
  expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  const ctx = await browser.newContext();
  try {
    const other = await ctx.newPage();
    expect(await other.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  } finally {
    await ctx.close();
  }
});
