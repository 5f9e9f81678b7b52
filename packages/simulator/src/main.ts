import { parseSmtpUrl } from './config';
import { startSimulator } from './server';

/**
 * `npm run simulator`: the provider simulator on its own. PARLEY_URL is where Parley listens
 * (default http://127.0.0.1:8080); SIMULATOR_PORT picks the port (default 3900), SIMULATOR_HOST the
 * interface, SIMULATOR_PUBLIC_URL the origin put in media URLs when Parley reaches it another way,
 * SIMULATOR_SMS_WEBHOOK_URL the URL inbound SMS are signed over when it is not the one posted to
 * (Parley's `publicWebhookUrl`, e.g. behind a proxy). Email: SIMULATOR_SMTP_PORT is the SMTP sink Parley
 * relays its mail to (default 3925, 0 = any free one); PARLEY_SMTP_URL is Parley's SMTP listener the
 * customers' mail goes to (default smtp://127.0.0.1:2525, Parley's PARLEY_SMTP_PORT).
 */
const port = Number(process.env.SIMULATOR_PORT ?? 3900);
const parleyUrl = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SIMULATOR_PORT must be a port number, got "${process.env.SIMULATOR_PORT}"`);
  process.exit(1);
}

const smtpPort = Number(process.env.SIMULATOR_SMTP_PORT ?? 3925);
if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) {
  console.error(`SIMULATOR_SMTP_PORT must be a port number, got "${process.env.SIMULATOR_SMTP_PORT}"`);
  process.exit(1);
}
const parleySmtpUrl = process.env.PARLEY_SMTP_URL ?? 'smtp://127.0.0.1:2525';
const parleySmtp = parseSmtpUrl(parleySmtpUrl);
if (!parleySmtp) {
  console.error(`PARLEY_SMTP_URL must look like smtp://127.0.0.1:2525, got "${parleySmtpUrl}"`);
  process.exit(1);
}

const publicUrl = process.env.SIMULATOR_PUBLIC_URL; // how Parley reaches it, if not the listening address
const smsWebhookUrl = process.env.SIMULATOR_SMS_WEBHOOK_URL;
const sim = await startSimulator({
  port,
  host: process.env.SIMULATOR_HOST ?? '127.0.0.1',
  smtpPort,
  parley: { webhookBase: parleyUrl, smtp: parleySmtp },
  ...(publicUrl ? { publicUrl } : {}),
  ...(smsWebhookUrl ? { accounts: { sms: { publicWebhookUrl: smsWebhookUrl } } } : {}),
});
// The SMTP sink line comes first: `npm start` reads both and goes on at the second.
const sinkHost = new URL(sim.url).hostname;
console.log(`Email SMTP sink (Parley's outgoing relay): smtp://${sinkHost}:${sim.smtpPort}`);
console.log(`Provider simulator (WhatsApp, Messenger, SMS, email): ${sim.url}/`);
console.log(`  Graph API base URL:  ${sim.url}   Twilio API base URL: ${sim.url}`);
console.log(`  Webhooks go to:      ${parleyUrl}/webhooks/{whatsapp,messenger,sms}   Customers' email goes to: ${parleySmtpUrl}`);

// Ctrl-C under `npm start` brings SIGINT from the terminal and SIGTERM from the launcher: close once.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
