import { renderFor, type RenderedText } from '@parley/channels/formatting';
import type { ChannelType, MessageDto } from '@parley/protocol';
import type { AppCore } from '../core';

/** An agent's authored text as its channel shows it (the renderer its rules name); pure, derivable any time. */
export function renderForChannel(core: AppCore, authored: string, channel: ChannelType): RenderedText {
  if (!authored) return { text: '' };
  return renderFor(authored, core.directory.rules(channel).formatting);
}

/** The message with the HTML the customer sees, for the web chat widget (which shows no Markdown). */
export function withCustomerHtml(dto: MessageDto, html: string | undefined): MessageDto {
  return html ? { ...dto, html } : dto;
}

/** A customer-visible message with an agent reply's HTML, as it was pushed to the widget. */
export function customerView(core: AppCore, dto: MessageDto, channel: ChannelType): MessageDto {
  if (dto.authorType !== 'agent' || dto.notice) return dto;
  return withCustomerHtml(dto, renderForChannel(core, dto.text, channel).html);
}
