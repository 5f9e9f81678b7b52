import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  missingParams,
  parseTemplate,
  placeholderValues,
  renderTemplate,
  templateParams,
  templateProblems,
  templatesFor,
  type TemplateContext,
} from '../src/templates';

// 2026-03-05 14:07 UTC
const NOW = Date.UTC(2026, 2, 5, 14, 7);
const ctx: TemplateContext = {
  customerName: 'Jane',
  agentName: 'Ann',
  queueName: 'Sales',
  conversationId: 'c-1',
  entryPointName: 'Website',
  now: NOW,
  locale: 'en-US',
  timeZone: 'UTC',
};

describe('template engine', () => {
  it('fills system placeholders and the agent’s parameters', () => {
    const body = 'Hi {{customer.name}}, {{agent.name}} from {{queue.name}} ({{entryPoint.name}}, {{conversation.id}}): order {{param:order}}.';
    expect(renderTemplate(body, ctx, { order: 'A-1' })).toBe('Hi Jane, Ann from Sales (Website, c-1): order A-1.');
    expect(templateParams(body)).toEqual(['order']);
    expect(missingParams(body, {})).toEqual(['order']);
    expect(missingParams(body, { order: '  ' })).toEqual(['order']);
    expect(missingParams(body, { order: 'x' })).toEqual([]);
  });

  it('uses a fallback when the system value is empty, and the value when it is not', () => {
    expect(renderTemplate('Hello {{customer.name|there}}!', { ...ctx, customerName: '' })).toBe('Hello there!');
    expect(renderTemplate('Hello {{customer.name|there}}!', { ...ctx, customerName: '   ' })).toBe('Hello there!');
    expect(renderTemplate('Hello {{ customer.name | there }}!', ctx)).toBe('Hello Jane!');
    expect(renderTemplate('Hello {{customer.name}}!', { ...ctx, customerName: null })).toBe('Hello !');
  });

  it('formats date and time in the agent’s locale and time zone', () => {
    expect(renderTemplate('{{date}} {{time}}', ctx)).toBe('Mar 5, 2026 2:07 PM');
    expect(renderTemplate('{{date}}', { ...ctx, locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe('2026年3月5日');
    expect(renderTemplate('{{time}}', { ...ctx, locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe('22:07');
    expect(renderTemplate('{{datetime}}', ctx)).toBe('Mar 5, 2026, 2:07 PM');
    // A bad locale or time zone falls back instead of throwing.
    expect(renderTemplate('{{date}}', { ...ctx, locale: '!!', timeZone: 'Nowhere/Else' })).toBe('Mar 5, 2026');
  });

  it('names unknown placeholders as problems; rendering leaves them as typed', () => {
    expect(templateProblems('Hi {{customer.name}} {{param:x}}')).toEqual([]);
    const problems = templateProblems('Hi {{customer.nmae}} and {{param:}} and {{param:a|b}}');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/Unknown placeholder \{\{customer\.nmae\}\}/);
    expect(renderTemplate('Hi {{customer.nmae}}', ctx)).toBe('Hi {{customer.nmae}}');
    expect(renderTemplate('Hi {{ unclosed', ctx)).toBe('Hi {{ unclosed');
  });

  it('is one pass: values are inserted literally, never re-expanded or treated as replacement patterns', () => {
    expect(renderTemplate('{{customer.name}} / {{param:x}}', { ...ctx, customerName: "{{param:x}} $& $'" }, { x: '$1' })).toBe("{{param:x}} $& $' / $1");
    expect(templateParams('Hi {{ param: order }} {{param:order}} {{param:order number}}')).toEqual(['order', 'order number']);
  });

  it('lists placeholder values once each, in order (WhatsApp {{1}}, {{2}}…)', () => {
    expect(placeholderValues('{{param:a}} {{customer.name}} {{param:a}} {{param:b}}', ctx, { a: '1', b: '2' })).toEqual(['1', 'Jane', '2']);
  });

  it('offers templates by channel, queue and window', () => {
    const all = [
      { id: 'any', channels: ['sms', 'whatsapp'], queues: [] },
      { id: 'sales', channels: ['whatsapp'], queues: ['q-sales'] },
      { id: 'approved', channels: ['whatsapp'], queues: [], providerTemplate: { name: 'x', language: 'en' } },
    ];
    const ids = (w: Parameters<typeof templatesFor>[1]) => templatesFor(all, w).map((t) => t.id);
    expect(ids({ channel: 'whatsapp', queueId: 'q-sales', approvedOnly: false })).toEqual(['any', 'sales', 'approved']);
    expect(ids({ channel: 'whatsapp', queueId: 'q-other', approvedOnly: false })).toEqual(['any', 'approved']);
    expect(ids({ channel: 'whatsapp', queueId: 'q-sales', approvedOnly: true })).toEqual(['approved']);
    expect(ids({ channel: 'sms', queueId: 'q-sales', approvedOnly: false })).toEqual(['any']);
  });
});

describe('template engine properties', () => {
  const bodies = fc.oneof(
    fc.string(),
    fc.array(fc.oneof(fc.string(), fc.constantFrom('{{', '}}', '|', 'param:', 'customer.name', '{{date}}', '{{param:a}}', '{{customer.name|x}}')), { maxLength: 20 }).map((a) => a.join('')),
  );
  const anyCtx = fc.record({
    customerName: fc.option(fc.string()),
    now: fc.oneof(fc.integer(), fc.double()),
    locale: fc.oneof(fc.constantFrom('en', 'zh-CN', 'de-DE'), fc.string()),
    timeZone: fc.option(fc.oneof(fc.constantFrom('UTC', 'Asia/Shanghai'), fc.string())),
  });

  it('never throws on any body, context or values', () => {
    fc.assert(
      fc.property(bodies, anyCtx, fc.dictionary(fc.string(), fc.string()), (body, c, values) => {
        renderTemplate(body, c, values);
        templateProblems(body);
        placeholderValues(body, c, values);
        missingParams(body, values);
      }),
    );
  });

  it('parsing loses nothing: the parts give the body back', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        expect(parseTemplate(body).map((p) => (p.kind === 'text' ? p.text : p.raw)).join('')).toBe(body);
      }),
    );
  });

  it('a body without placeholders renders as itself', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/\{\{[^{}]*\}\}/.test(s)), anyCtx, (body, c) => renderTemplate(body, c) === body));
  });

  it('once every parameter is filled and a fallback given, no known placeholder is left', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('{{param:a}}', '{{param:b}}', '{{customer.name|x}}', '{{queue.name|y}}', ' text '), { maxLength: 10 }), (pieces) => {
        const out = renderTemplate(pieces.join(''), { now: 0, locale: 'en' }, { a: 'A', b: 'B' });
        expect(out).not.toMatch(/\{\{/);
      }),
    );
  });
});
