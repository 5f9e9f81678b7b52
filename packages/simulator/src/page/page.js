// The customer page: polls /_sim/state and drives /_sim/* (no framework, no build step).
const $ = (id) => document.getElementById(id);
const DEFAULT_IDS = { whatsapp: '16505551234', messenger: '24000000000000001', sms: '+14155551234', email: 'ann@customer.example' };
const ID_LABELS = { whatsapp: 'Phone (digits)', messenger: 'PSID', sms: 'Phone (E.164)', email: 'Email address' };
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const SWITCHES = {
  whatsapp: [
    ['window', 'Customer-service window (131047)', [['off', 'open'], ['status', 'closed: failed status'], ['sync', 'closed: error at once']]],
    ['rateLimit', 'Rate limit (429, code 130429)'],
    ['outage', 'Outage', [['off', 'none'], ['error', 'HTTP 500'], ['hang', 'no answer']]],
  ],
  messenger: [
    ['window', 'Messaging window (10/2018278)', [['off', 'open'], ['24h', 'past 24 h (HUMAN_AGENT still allowed)'], ['7d', 'past 7 days']]],
    ['rateLimit', 'Rate limit (429, code 4)'],
    ['outage', 'Outage', [['off', 'none'], ['error', 'HTTP 500'], ['hang', 'no answer']]],
  ],
  sms: [
    ['optedOut', 'Customer opted out (21610)'],
    ['undelivered', 'Undelivered (30003)'],
    ['rateLimit', 'Rate limit (429, 20429)'],
    ['outage', 'Outage', [['off', 'none'], ['error', 'HTTP 500'], ['hang', 'no answer']]],
  ],
  email: [],
};

let channel = 'whatsapp';
const customers = { ...DEFAULT_IDS };
let names = { whatsapp: 'Ann Lee', messenger: 'Ann Lee', sms: 'Ann Lee', email: 'Ann Lee' };
/** The received mail the email being written answers (its simulator id and subject), if any. */
let replyingTo;
let state;
let shownVersion = -1;
let shownKey = '';

async function api(method, path, body) {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error?.message ?? `HTTP ${res.status}`);
  return data;
}

function notice(text) {
  $('notice').textContent = text;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const c of children) if (c !== undefined && c !== null) node.append(c);
  return node;
}

async function send(action) {
  try {
    await api('POST', '/_sim/customer/send', { channel, customer: customers[channel], name: names[channel], ...action });
    notice('');
  } catch (err) {
    notice(err.message);
  }
}

function renderChat() {
  const list = $('chat');
  list.replaceChildren();
  const mine = state.chat.filter((e) => e.channel === channel && e.customer === customers[channel]);
  for (const e of mine) {
    const li = el('li', { className: e.direction });
    const who = e.direction === 'in' ? 'You' : 'Business';
    li.append(el('div', { className: 'meta', textContent: `${who} · ${new Date(e.at).toLocaleTimeString()}` }));
    if (e.text) li.append(el('div', { textContent: e.text }));
    if (e.media) li.append(mediaView(e.media));
    if (e.note) li.append(el('div', { className: 'meta', textContent: e.note }));
    if (e.businessReaction) li.append(el('div', { className: 'meta', textContent: `Business reacted ${e.businessReaction}` }));
    (e.buttons ?? []).forEach((b, i) => {
      li.append(el('button', { type: 'button', id: `b-${e.id}-${i}`, textContent: b.title || b.id, onclick: () => send({ kind: 'button', messageId: e.id, button: b }) }));
    });
    if (e.direction === 'out' && channel !== 'sms') {
      li.append(el('button', { type: 'button', id: `r-${e.id}`, textContent: '👍', ariaLabel: 'React with thumbs up', onclick: () => send({ kind: 'reaction', messageId: e.id, emoji: '👍' }) }));
    }
    const status = el('div', { className: `meta ${e.status === 'failed' || e.status === 'undelivered' ? 'failed' : ''}`, textContent: `status: ${e.status}${e.error ? ` (${e.error})` : ''}` });
    li.append(status);
    list.append(li);
  }
  list.scrollTop = list.scrollHeight;
  $('typing').textContent = state.typing.includes(`${channel}:${customers[channel]}`) ? 'Business is typing…' : '';
}

/** The customer's mailbox: what they sent and what Parley's mail brought, text only (never HTML). */
function renderInbox() {
  const list = $('inbox');
  list.replaceChildren();
  const mine = state.mail.filter((m) => m.customers.includes(customers.email.toLowerCase()));
  if (!mine.length) list.append(el('li', { className: 'meta', textContent: 'No emails yet.' }));
  for (const m of [...mine].reverse()) {
    const sent = m.direction === 'in';
    const subject = m.subject || '(no subject)';
    const article = el('article', { className: m.direction, ariaLabel: `${sent ? 'Sent' : 'Received'}: ${subject}` });
    article.append(el('h4', { textContent: subject }));
    const cc = m.cc.length ? ` · Cc ${m.cc.join(', ')}` : '';
    article.append(el('div', { className: 'meta', textContent: `${sent ? 'Sent' : 'Received'} · From ${m.from} · To ${m.to.join(', ')}${cc} · ${new Date(m.at).toLocaleTimeString()}` }));
    article.append(el('div', { className: 'mail-text', textContent: m.text }));
    for (const name of m.attachments) article.append(el('div', { className: 'meta', textContent: `📎 ${name}` }));
    if (sent) {
      const failed = m.status === 'failed';
      article.append(el('div', { className: `meta ${failed ? 'failed' : ''}`, textContent: `status: ${m.status}${m.error ? ` (${m.error})` : ''}` }));
    } else {
      article.append(el('button', { type: 'button', id: `reply-${m.id}`, textContent: 'Reply', ariaLabel: `Reply to ${subject}`, onclick: () => startReply(m) }));
    }
    list.append(el('li', {}, article));
  }
}

function startReply(m) {
  replyingTo = { id: m.id, subject: m.subject };
  $('mail-replying-text').textContent = `Replying to “${m.subject || '(no subject)'}”`;
  $('mail-replying').hidden = false;
  $('mail-subject').value = /^re:/i.test(m.subject) ? m.subject : `Re: ${m.subject}`;
  $('mail-body').focus();
}

function cancelReply() {
  replyingTo = undefined;
  $('mail-replying').hidden = true;
  $('mail-subject').value = '';
}

/** The picked file as `{filename, contentType, base64}`, or undefined. */
function readAttachment() {
  const file = $('mail-file').files?.[0];
  if (!file) return Promise.resolve(undefined);
  if (file.size > MAX_ATTACHMENT_BYTES) return Promise.reject(new Error('The file is over 5 MB.'));
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done({ filename: file.name, contentType: file.type, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => fail(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function mediaView(m) {
  const href = m.url ?? (m.mediaId ? `/_sim/media/${encodeURIComponent(m.mediaId)}` : undefined);
  const label = `${m.kind}${m.filename ? `: ${m.filename}` : ''}${m.caption ? ` — ${m.caption}` : ''}`;
  return href ? el('a', { href, target: '_blank', rel: 'noreferrer', textContent: `📎 ${label}` }) : el('div', { textContent: `📎 ${label}` });
}

function renderSwitches() {
  const box = $('switches');
  box.replaceChildren();
  const current = state.failures[channel] ?? {};
  for (const [key, label, options] of SWITCHES[channel]) {
    const id = `sw-${key}`;
    if (options) {
      const select = el('select', { id, onchange: () => setSwitch(key, select.value) });
      for (const [value, text] of options) select.append(el('option', { value, textContent: text, selected: current[key] === value }));
      box.append(el('div', {}, el('label', { htmlFor: id, textContent: `${label} ` }), select));
    } else {
      const box2 = el('input', { type: 'checkbox', id, checked: current[key], onchange: () => setSwitch(key, box2.checked) });
      box.append(el('div', {}, box2, el('label', { htmlFor: id, textContent: ` ${label}` })));
    }
  }
}

async function setSwitch(key, value) {
  try {
    await api('PUT', `/_sim/failures/${channel}`, { [key]: value });
  } catch (err) {
    notice(err.message);
  }
}

function renderWebhooks() {
  const list = $('webhooks');
  list.replaceChildren();
  for (const w of [...state.webhooks].reverse()) {
    const last = w.attempts.at(-1);
    const result = last ? (last.status ?? last.error) : '…';
    list.append(el('li', { textContent: `#${w.seq} ${w.channel} ${w.summary} → ${w.outcome} (${w.attempts.length} tries, last ${result})` }));
  }
}

function render() {
  const key = `${channel}|${customers[channel]}|${state.typing.join()}`;
  if (state.version === shownVersion && key === shownKey) return;
  const focused = document.activeElement?.id;
  shownVersion = state.version;
  shownKey = key;
  $('target').textContent = state.webhookBase;
  const a = state.accounts;
  const business = {
    whatsapp: `business number +${a.whatsapp.displayPhoneNumber}`,
    messenger: `page ${a.messenger.pageId}`,
    sms: `business number ${a.sms.number} (${a.sms.numberKind})`,
    email: `business mailbox ${a.email.address}`,
  };
  $('business').textContent = business[channel];
  $('id-label').textContent = ID_LABELS[channel];
  $('location-btn').hidden = channel !== 'whatsapp';
  $('get-started-btn').hidden = channel !== 'messenger';
  const email = channel === 'email';
  $('chat-section').hidden = email;
  $('mail-section').hidden = !email;
  $('failures').hidden = email;
  $('mail-to').textContent = a.email.address;
  if (email) renderInbox();
  else renderChat();
  renderSwitches();
  renderWebhooks();
  // Redrawn controls keep their ids, so keyboard focus survives a refresh.
  if (focused && $(focused) && document.activeElement?.id !== focused) $(focused).focus();
}

async function poll() {
  try {
    state = await api('GET', '/_sim/state');
    render();
  } catch {
    // the simulator restarted or stopped: try again on the next tick
  }
  setTimeout(poll, 1000);
}

function selectChannel(next) {
  channel = next;
  $('customer').value = customers[channel];
  $('name').value = names[channel];
  if (state) render();
}

for (const radio of document.querySelectorAll('input[name=channel]')) radio.addEventListener('change', () => selectChannel(radio.value));

$('who').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  if (channel === 'email') {
    // A mail customer is only an address: the simulator checks it when the mail is sent.
    const address = $('customer').value.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return notice('An email customer is an address such as ann@customer.example.');
    customers.email = address;
    names = { ...names, email: $('name').value.trim() || 'Sim Customer' };
    notice(`You are ${names.email} (${address}).`);
    shownKey = '';
    if (state) render();
    return;
  }
  try {
    const c = await api('POST', '/_sim/customer', { channel, customer: $('customer').value, name: $('name').value });
    customers[channel] = c.id;
    names = { ...names, [channel]: c.name };
    notice(`You are ${c.name} (${c.id}).`);
    shownKey = '';
  } catch (err) {
    notice(err.message);
  }
});

$('compose').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $('text').value;
  if (!text.trim()) return;
  $('text').value = '';
  await send({ kind: 'text', text });
});

$('text').addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && !ev.shiftKey) {
    ev.preventDefault();
    $('compose').requestSubmit();
  }
});

for (const button of document.querySelectorAll('#compose [data-act]')) {
  button.addEventListener('click', async () => {
    const act = button.dataset.act;
    try {
      if (act === 'image' || act === 'document') await send({ kind: act });
      if (act === 'location') await send({ kind: 'location', latitude: 52.3702, longitude: 4.8952, placeName: 'Dam Square', address: 'Amsterdam' });
      if (act === 'get-started') await send({ kind: 'button', messageId: '', button: { kind: 'postback', id: 'GET_STARTED', title: 'Get Started' } });
      if (act === 'read') {
        await api('POST', '/_sim/customer/read', { channel, customer: customers[channel] });
        notice('Read receipts sent.');
      }
      if (act === 'again') {
        const r = await api('POST', '/_sim/replay', { channel });
        notice(`Sending webhook #${r.replaying} again.`);
      }
    } catch (err) {
      notice(err.message);
    }
  });
}

$('mail-compose').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const attachment = await readAttachment();
    const body = { customer: customers.email, name: names.email, subject: $('mail-subject').value, text: $('mail-body').value };
    if (replyingTo) body.replyTo = replyingTo.id;
    if (attachment) body.attachment = attachment;
    await api('POST', '/_sim/email/send', body);
    $('mail-body').value = '';
    $('mail-file').value = '';
    cancelReply();
    notice('Email sent to Parley.');
  } catch (err) {
    notice(err.message);
  }
});

$('mail-cancel-reply').addEventListener('click', cancelReply);

$('verify').addEventListener('click', async () => {
  const target = channel === 'sms' ? 'whatsapp' : channel;
  try {
    const r = await api('POST', '/_sim/verify', { channel: target });
    $('verify-result').textContent = r.ok ? `OK: Parley echoed the challenge (${target}).` : `Failed: ${r.status ?? r.error} ${r.body ?? ''}`;
  } catch (err) {
    $('verify-result').textContent = err.message;
  }
});

selectChannel('whatsapp');
poll();
