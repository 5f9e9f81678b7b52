import type { MessageContent, OrderItem, SharedContact } from './inbound-events';

/**
 * The text an agent reads for a piece of content: the body or caption, or a readable line for
 * structured content (location, contacts, replies). Media without a caption renders as ''.
 */
export function renderContent(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.body;
    case 'image':
    case 'video':
      return content.caption ?? '';
    case 'document':
      return content.caption ?? '';
    case 'audio':
    case 'sticker':
      return '';
    case 'location':
      return renderLocation(content);
    case 'contacts':
      return content.contacts.map(renderContact).join('\n');
    case 'interactive_reply':
      return content.title || content.id;
    case 'button':
      return content.text || content.payload;
    case 'quick_reply':
      return content.payload;
    case 'postback':
      return content.title || content.payload;
    case 'order':
      return renderOrder(content.items, content.note);
    case 'link':
      return [content.title, content.url].filter(Boolean).join('\n');
    case 'unsupported':
      return `[Unsupported message: ${content.reason}]`;
  }
}

function renderLocation(l: Extract<MessageContent, { type: 'location' }>): string {
  const place = [l.name, l.address].filter(Boolean).join(', ');
  const line = `Location: ${place ? `${place} ` : ''}(${l.latitude}, ${l.longitude})`;
  return l.url ? `${line}\n${l.url}` : line;
}

function renderContact(c: SharedContact): string {
  const details = [...c.phones.map((p) => p.phone), ...c.emails];
  return `Contact: ${c.name}${details.length ? ` (${details.join(', ')})` : ''}`;
}

function renderOrder(items: OrderItem[], note: string | undefined): string {
  const lines = items.map((i) => {
    const price = i.itemPrice === undefined ? '' : ` (${i.itemPrice}${i.currency ? ` ${i.currency}` : ''})`;
    return `${i.quantity} × ${i.productRetailerId}${price}`;
  });
  return [`Order: ${lines.join(', ') || 'no items'}`, note].filter(Boolean).join('\n');
}
