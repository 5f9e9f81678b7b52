import type { Sim } from '../sim';

/** What the page needs to draw, without any secret (tokens, app secret). */
export function stateView(sim: Sim) {
  const { whatsapp, messenger, sms } = sim.accounts;
  const now = sim.state.now();
  return {
    version: sim.state.version,
    accounts: {
      whatsapp: { displayPhoneNumber: whatsapp.displayPhoneNumber, phoneNumberId: whatsapp.phoneNumberId, wabaId: whatsapp.wabaId },
      messenger: { pageId: messenger.pageId },
      sms: { number: sms.number, numberKind: sms.numberKind },
      email: { address: sim.accounts.email.address },
    },
    webhookBase: sim.parley.webhookBase,
    customers: [...sim.state.customers.values()],
    chat: sim.state.chat,
    mail: sim.state.mail,
    typing: [...sim.state.typing.entries()].filter(([, until]) => until > now).map(([key]) => key),
    failures: sim.state.failures,
    webhooks: sim.state.webhooks.slice(-30).map(({ seq, channel, url, summary, outcome, attempts }) => ({ seq, channel, url, summary, outcome, attempts })),
  };
}
