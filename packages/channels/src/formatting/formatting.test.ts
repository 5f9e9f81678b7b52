import { describe, expect, it } from 'vitest';
import { renderFor } from './index';

const sample = 'Hi **Ann**, _thanks_ ~~old~~ use `code` and [the guide](https://ex.com/guide)\n- one\n- two\n\n1. first\n2. second';

describe('rendering the authoring format per channel', () => {
  it('WhatsApp: its own markup, lists as lines, links as text (url)', () => {
    expect(renderFor(sample, 'whatsapp').text).toBe(
      'Hi *Ann*, _thanks_ ~old~ use ```code``` and the guide (https://ex.com/guide)\n- one\n- two\n\n1. first\n2. second',
    );
  });

  it('Messenger: plain text, bullets, no markup characters left', () => {
    expect(renderFor(sample, 'messenger').text).toBe('Hi Ann, thanks old use code and the guide (https://ex.com/guide)\n• one\n• two\n\n1. first\n2. second');
  });

  it('SMS: plain text with ASCII list markers (stays GSM-7)', () => {
    expect(renderFor(sample, 'plain').text).toBe('Hi Ann, thanks old use code and the guide (https://ex.com/guide)\n- one\n- two\n\n1. first\n2. second');
  });

  it('HTML: allowed tags, escaped text, safe links with rel=noopener', () => {
    expect(renderFor(sample, 'html').html).toBe(
      '<p>Hi <strong>Ann</strong>, <em>thanks</em> <s>old</s> use <code>code</code> and <a href="https://ex.com/guide" rel="noopener noreferrer" target="_blank">the guide</a></p>' +
        '<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>',
    );
  });

  it('HTML: markup typed as text stays text; unsafe links are not clickable but keep their text', () => {
    const { html } = renderFor('<img src=x onerror=alert(1)> [click](javascript:alert(1)) & "q"', 'html');
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; click (javascript:alert(1)) &amp; &quot;q&quot;</p>');
  });

  it('HTML: bare URLs become links, trailing punctuation stays outside; line breaks kept', () => {
    expect(renderFor('see https://ex.com/a_b.\nbye', 'html').html).toBe(
      '<p>see <a href="https://ex.com/a_b" rel="noopener noreferrer" target="_blank">https://ex.com/a_b</a>.<br>bye</p>',
    );
  });

  it('plain text an agent typed is sent unchanged (headings, quotes, entities, underscores in words)', () => {
    const text = '# Order 12\n> quoted\nsnake_case &amp; 2 * 3 = 6\nemail me: a_b@ex.com';
    for (const target of ['whatsapp', 'messenger', 'plain'] as const) expect(renderFor(text, target).text).toBe(text);
  });

  it('a list right under a line stays right under it; fenced code keeps its lines', () => {
    expect(renderFor('Steps:\n- open\n- close', 'plain').text).toBe('Steps:\n- open\n- close');
    expect(renderFor('```\na *b*\n  c\n```', 'whatsapp').text).toBe('```a *b*\n  c```');
    expect(renderFor('```\na *b*\n```', 'plain').text).toBe('a *b*');
  });

  it('WhatsApp markers hug the words (WhatsApp ignores "* bold *")', () => {
    expect(renderFor('**bold **then', 'whatsapp').text).toBe('**bold **then');
    expect(renderFor('a **b _c_** d', 'whatsapp').text).toBe('a *b _c_* d');
  });

  it('an autolink shows its address once', () => {
    expect(renderFor('<https://ex.com> or <help@ex.com>', 'plain').text).toBe('https://ex.com or help@ex.com');
  });
});
