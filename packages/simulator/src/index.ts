export { DEMO_ACCOUNTS, type SimulatorAccounts, type WhatsAppAccount, type MessengerAccount, type SmsAccount, type MetaApp, type ParleyTarget, type EmailAccount } from './config';
export type { FailureSwitches } from './failures';
export { metaSignature, twilioSignature } from './sign';
export { type RunningSimulator, type SimulatorOptions, startSimulator } from './server';
export type { ChatEntry, SimState, WebhookRecord } from './state';
export type { SimMail } from './email/mail';
