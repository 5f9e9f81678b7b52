import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Waits until no CSS animation or transition is running. axe measures colour contrast on what is
 * painted, so a pop-up still fading in (opacity < 1) reads as low contrast: scan only a settled page.
 * The browser tests run with `reducedMotion: 'reduce'` (playwright.config.ts), which the apps honour,
 * so this normally passes at once; it fails by name for an animation that ignores reduced motion.
 */
export async function waitForAnimationsToFinish(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          document
            .getAnimations()
            .filter((a) => a.playState === 'running' || a.pending)
            .map((a) => {
              const el = (a.effect as KeyframeEffect | null)?.target;
              const name = a instanceof CSSAnimation ? a.animationName : a instanceof CSSTransition ? `transition of ${a.transitionProperty}` : 'animation';
              return `${name} on ${el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : '?'}`;
            }),
        ),
      { message: 'animations still running (an axe scan would measure a half-painted page)' },
    )
    .toEqual([]);
}

/** No serious or critical axe-core violations on the page once it has settled. */
export async function expectAccessible(page: Page): Promise<void> {
  await waitForAnimationsToFinish(page);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'axe serious/critical violations',
  ).toEqual([]);
}
