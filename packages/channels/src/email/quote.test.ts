import { describe, expect, it } from 'vitest';
import { trimQuoted } from './quote';
import { parsedFixture } from './test-support';

const shown = (text: string) => trimQuoted(text).shown;

describe('trimQuoted: the fixtures', () => {
  it('Gmail: cuts at the attribution wrapped over two lines, keeps the full text', async () => {
    const { text } = await parsedFixture('gmail-reply.eml');
    const t = trimQuoted(text);
    expect(t.shown).toBe('Thanks, the parcel arrived — but the lid is cracked.');
    expect(t.quoted).toMatch(/^On Mon, Mar 9, 2026 .*\nwrote:\n\n> Hello Li/);
    expect(t.full).toBe(text);
  });

  it('Outlook: cuts at the From:/Sent: header block', async () => {
    expect(shown((await parsedFixture('outlook-thread-index.eml')).text)).toBe('Grüße, the € amount on invoice 77 is still wrong – please check.\n\nRenée');
  });

  it('Outlook: cuts at -----Original Message-----', async () => {
    expect(shown((await parsedFixture('windows-1252-qp.eml')).text)).toBe('“Thanks” – the refund of €30 arrived. Café voucher still missing, though.');
  });

  it('QQ Mail: cuts at ------------------ 原始邮件 ------------------', async () => {
    expect(shown((await parsedFixture('qq-gbk.eml')).text)).toBe('您好，我的订单还没有发货，请帮忙查一下。');
  });

  it('Apple Mail: cuts the >-quoted tail that holds the attribution', async () => {
    expect(shown((await parsedFixture('apple-mail.eml')).text)).toBe('Here is the receipt.');
  });

  it('a forward keeps the forwarded message (it is the content)', async () => {
    const { text } = await parsedFixture('gmail-forward.eml');
    expect(trimQuoted(text)).toEqual({ shown: text, quoted: null, full: text });
  });
});

describe('trimQuoted: client habits', () => {
  it.each([
    ['On Tue, 10 Mar 2026 at 09:00, Ann <ann@x.example> wrote:'],
    ['On 2026-03-10 09:00, Ann wrote:'],
    ['Le mar. 10 mars 2026 à 09:00, Ann <ann@x.example> a écrit :'],
    ['Am Di., 10. März 2026 um 09:00 Uhr schrieb Ann <ann@x.example>:'],
    ['El mar, 10 mar 2026 a las 09:00, Ann (<ann@x.example>) escribió:'],
    ['在 2026年3月10日 09:00，王芳 <wangfang@qq.example> 写道：'],
    ['-----原始邮件-----'],
    ['-----Ursprüngliche Nachricht-----'],
  ])('cuts at %s', (header) => {
    expect(trimQuoted(`New text.\n\n${header}\n> old\n`)).toEqual({ shown: 'New text.', quoted: `${header}\n> old`, full: `New text.\n\n${header}\n> old\n` });
  });

  it('cuts Outlook on the web: the underscore rule above From/Sent, and the Chinese Outlook block', () => {
    expect(shown('Hi.\n\n________________________________\nFrom: Acme <s@acme.example>\nSent: Tuesday\nTo: me\nSubject: x\n\nold')).toBe('Hi.');
    expect(shown('好的。\n\n发件人: Acme <s@acme.example>\n发送时间: 2026年3月10日 9:00\n收件人: 我\n主题: x\n\nold')).toBe('好的。');
  });

  it('keeps inline answers between quotes, cuts only the trailing quote', () => {
    const text = '> Can you ship Monday?\nYes.\n> And the invoice?\nAttached.\n\n> Thanks\n> Acme';
    expect(trimQuoted(text)).toMatchObject({ shown: '> Can you ship Monday?\nYes.\n> And the invoice?\nAttached.', quoted: '> Thanks\n> Acme' });
  });

  it('leaves text alone when nothing is quoted, or when everything is (never an empty message)', () => {
    expect(trimQuoted('Hello,\nOn Monday I will call.\nFrom: the shop I got a letter.\n')).toMatchObject({ quoted: null });
    expect(trimQuoted('> only a quote\n> nothing new')).toMatchObject({ shown: '> only a quote\n> nothing new', quoted: null });
    expect(trimQuoted('')).toEqual({ shown: '', quoted: null, full: '' });
  });

  it('does not take a sentence starting with "On" and ending far away for an attribution', () => {
    expect(trimQuoted('On second thought:\ncancel it.\n\nThe lawyer wrote:\nnothing').quoted).toBeNull();
  });
});
