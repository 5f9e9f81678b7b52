import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize';

/**
 * Outlook replies as Outlook writes them: the header block ("From: … Sent: …") is followed by the
 * quoted history as siblings, so it is cut from the header to the end when the text part had a quote.
 */

/** Outlook for Windows (Word HTML): the header is a div with a grey top border; one tracking pixel in the history. */
const OUTLOOK_DESKTOP = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--p.MsoNormal{margin:0cm;font-size:11.0pt}--></style></head>
<body lang=EN-US link="#0563C1" vlink="#954F72"><div class=WordSection1>
<p class=MsoNormal>Thanks, the new lid fits.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Ann<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b><span lang=EN-US>From:</span></b><span lang=EN-US> Support &lt;support@shop.example&gt; <br><b>Sent:</b> Monday, March 9, 2026 10:02 AM<br><b>To:</b> Ann Smith &lt;ann@customer.example&gt;<br><b>Subject:</b> RE: Broken lid [#P-4F2A]<o:p></o:p></span></p>
</div></div>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Hello Ann, a new lid is on its way.<o:p></o:p></p>
<p class=MsoNormal><img width=1 height=1 src="https://track.shop.example/open.gif?m=77"><o:p></o:p></p>
</div></body></html>`;

/** Outlook on the web / new Outlook: #appendonsend, the rule, #divRplyFwdMsg, then the history. */
const OUTLOOK_WEB = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head>
<body dir="ltr"><div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">Any news on the refund?</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Support &lt;support@shop.example&gt;<br><b>Sent:</b> Tuesday, March 10, 2026 09:15<br><b>To:</b> Ann Smith &lt;ann@customer.example&gt;<br><b>Subject:</b> RE: Refund</font>
<div>&nbsp;</div></div>
<div class="BodyFragment"><font size="2"><span style="font-size:11pt;"><div class="PlainText">Hello Ann,<br>the refund was started today.</div></span></font></div>
</body></html>`;

/** Outlook for Mac / older Outlook, the whole answer inside the blue bar of an inline reply. */
const OUTLOOK_MAC = `<div style="border:none;border-left:solid blue 1.5pt;padding:0in 0in 0in 4.0pt"><p class="MsoNormal">Yes, Friday works.</p><div>
<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in"><p class="MsoNormal" style="margin-bottom:12.0pt"><b><span style="font-size:12.0pt;color:black">From: </span></b><span style="font-size:12.0pt;color:black">Support &lt;support@shop.example&gt;<br><b>Date: </b>Wednesday, 11 March 2026 at 14:00<br><b>To: </b>Ann Smith<br><b>Subject: </b>Delivery</span></p></div></div>
<p class="MsoNormal">Can we deliver on Friday?</p></div>`;

/** A rule and a plain From:/Sent: block (no id, no border): older Outlook Web Access, some mobile clients. */
const RULE_AND_HEADER = `<div>Got it, thanks.</div><hr><b>From:</b> Support &lt;support@shop.example&gt;<br><b>Sent:</b> Thursday, March 12, 2026 8:00 AM<br><b>To:</b> Ann<br><b>Subject:</b> Invoice<br><br><div>Your invoice is attached.</div>`;

const dropped = (html: string) => sanitizeEmailHtml(html, { dropQuoted: true });

describe('Outlook quoted history in HTML', () => {
  it('Outlook for Windows: cut at the grey-bordered header, the pixel in the history no longer counts', () => {
    const whole = sanitizeEmailHtml(OUTLOOK_DESKTOP);
    expect(whole.html).toContain('a new lid is on its way');
    expect(whole.blockedRemoteImages).toBe(1);
    const out = dropped(OUTLOOK_DESKTOP);
    expect(out.html.trim().replace(/\s+/g, ' ')).toBe('<div> <p>Thanks, the new lid fits.</p> <p> </p> <p>Ann</p></div>');
    expect(out.blockedRemoteImages).toBe(0);
  });

  it('Outlook on the web: the rule, #divRplyFwdMsg and the body fragment after it are gone', () => {
    expect(dropped(OUTLOOK_WEB).html.trim()).toBe('<div style="font-family:Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif;font-size:12pt;color:rgb(0, 0, 0)">Any news on the refund?</div>');
  });

  it('Outlook for Mac: cut at the #B5C4DF header inside the inline-reply bar, which is closed again', () => {
    expect(dropped(OUTLOOK_MAC).html).toBe('<div style="border:none;border-left:solid blue 1.5pt;padding:0in 0in 0in 4.0pt"><p>Yes, Friday works.</p></div>');
  });

  it('a rule followed by From:/Sent: lines', () => {
    expect(dropped(RULE_AND_HEADER).html).toBe('<div>Got it, thanks.</div>');
  });

  it('keeps everything when the text had no quote, for a rule without a header, or when nothing would be left', () => {
    for (const sample of [OUTLOOK_DESKTOP, OUTLOOK_WEB, OUTLOOK_MAC, RULE_AND_HEADER]) expect(sanitizeEmailHtml(sample).html).toMatch(/From:/);
    expect(dropped('<p>Part one</p><hr><p>Part two: from: the shop</p>').html).toBe('<p>Part one</p><hr /><p>Part two: from: the shop</p>');
    expect(dropped('<div id="divRplyFwdMsg"><b>From:</b> Ann<br><b>Sent:</b> today</div><p>only history</p>').html).toBe('<div><b>From:</b> Ann<br /><b>Sent:</b> today</div><p>only history</p>');
  });

  it('a mail cannot mark its own text to be cut', () => {
    expect(dropped('<p>Mine</p><div data-parley-cut="1">still mine</div>').html).toBe('<p>Mine</p><div>still mine</div>');
  });
});
