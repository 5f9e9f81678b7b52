import type { NoticeDto } from '@parley/protocol';

export type Lang = 'en' | 'zh-CN';

const en = {
  openChat: 'Open chat',
  unread: (n: number) => `${n} unread`,
  title: 'Chat with us',
  minimize: 'Minimize chat',
  intro: 'Hi! Tell us who you are and an agent will be with you shortly.',
  name: 'Name',
  email: 'Email',
  startChat: 'Start chat',
  starting: 'Starting…',
  nameRequired: 'Please enter your name.',
  emailRequired: 'Please enter your email.',
  emailInvalid: 'Please enter a valid email address, like name@example.com.',
  messages: 'Messages',
  message: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  attach: 'Attach file',
  endChat: 'End chat',
  endConfirm: 'End this chat?',
  endYes: 'Yes, end chat',
  cancel: 'Cancel',
  chatEnded: 'Chat ended',
  startNew: 'Start new chat',
  waiting: 'Waiting for an agent…',
  chattingWith: (n: string) => `Chatting with ${n}`,
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  typing: (n: string) => `${n} is typing…`,
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
  retry: 'Retry',
  you: 'You',
  agent: 'Agent',
  counter: (n: number, max: number) => `${n} / ${max}`,
  tooLong: (max: number) => `Your message is too long. The limit is ${max} characters.`,
  uploading: (name: string, pct: number) => `Uploading ${name}… ${pct}%`,
  fileTooLarge: (mb: number) => `That file is too large. The limit is ${mb} MB.`,
  dismiss: 'Dismiss',
  attachment: 'Attachment',
  errors: {
    PARLEY_ERR_MESSAGE_TOO_LONG: 'Your message is too long.',
    PARLEY_ERR_PAYLOAD_TOO_LARGE: 'That file is too large.',
    PARLEY_ERR_UNSUPPORTED_MEDIA: 'That file type is not supported.',
    PARLEY_ERR_UNKNOWN_SESSION: 'Your chat session has expired. Please start a new chat.',
    PARLEY_ERR_RATE_LIMITED: 'You are sending too fast. Please wait a moment.',
    PARLEY_ERR_INVALID_STATE: 'This chat has already ended.',
    PARLEY_ERR_CHANNEL_RULE: 'This chat does not allow that.',
    PARLEY_ERR_VALIDATION: 'Please check what you entered.',
    PARLEY_ERR_UNAVAILABLE: 'Chat is briefly unavailable. Please try again in a moment.',
    network: 'Cannot reach the chat service. Check your connection and try again.',
    generic: 'Something went wrong. Please try again.',
  } as Record<string, string>,
  notices: {
    agent_joined: '{a} joined the chat',
    agent_left: '{a} left the chat',
    customer_left: 'You left the chat',
    transferred: 'You are being transferred…',
    conference_requested: 'Another agent is being invited…',
    conference_joined: '{a} joined the conversation',
    conference_left: '{a} left the conversation',
    conference_ended: 'The other agent left the conversation',
    conference_declined: 'The other agent could not join',
    transfer_failed: 'The transfer did not go through',
    no_agent_available: 'No agent is available right now. Please try again later.',
    conversation_closed: 'This chat was closed',
    abandoned: 'This chat was closed while you were away. Start a new chat to talk to us.',
  } as Record<string, string>,
};

export type Strings = typeof en;

const zh: Strings = {
  openChat: '打开聊天',
  unread: (n) => `${n} 条未读`,
  title: '在线咨询',
  minimize: '最小化聊天',
  intro: '您好！请留下您的姓名和邮箱，座席将很快为您服务。',
  name: '姓名',
  email: '电子邮件',
  startChat: '开始聊天',
  starting: '正在开始…',
  nameRequired: '请输入您的姓名。',
  emailRequired: '请输入您的电子邮件。',
  emailInvalid: '请输入有效的电子邮件地址，例如 name@example.com。',
  messages: '消息',
  message: '消息',
  placeholder: '输入消息…',
  send: '发送',
  attach: '添加附件',
  endChat: '结束聊天',
  endConfirm: '确定结束此聊天？',
  endYes: '确定结束',
  cancel: '取消',
  chatEnded: '聊天已结束',
  startNew: '开始新的聊天',
  waiting: '正在等待座席…',
  chattingWith: (n) => `正在与 ${n} 聊天`,
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  typing: (n) => `${n} 正在输入…`,
  sending: '正在发送…',
  sent: '已发送',
  delivered: '已送达',
  read: '已读',
  failed: '发送失败',
  retry: '重试',
  you: '您',
  agent: '座席',
  counter: (n, max) => `${n} / ${max}`,
  tooLong: (max) => `消息过长，最多 ${max} 个字符。`,
  uploading: (name, pct) => `正在上传 ${name}… ${pct}%`,
  fileTooLarge: (mb) => `文件过大，上限为 ${mb} MB。`,
  dismiss: '关闭',
  attachment: '附件',
  errors: {
    PARLEY_ERR_MESSAGE_TOO_LONG: '消息过长。',
    PARLEY_ERR_PAYLOAD_TOO_LARGE: '文件过大。',
    PARLEY_ERR_UNSUPPORTED_MEDIA: '不支持此文件类型。',
    PARLEY_ERR_UNKNOWN_SESSION: '聊天会话已过期，请开始新的聊天。',
    PARLEY_ERR_RATE_LIMITED: '发送过于频繁，请稍候。',
    PARLEY_ERR_INVALID_STATE: '此聊天已结束。',
    PARLEY_ERR_CHANNEL_RULE: '此聊天不允许该操作。',
    PARLEY_ERR_VALIDATION: '请检查您输入的内容。',
    PARLEY_ERR_UNAVAILABLE: '聊天服务暂时不可用，请稍后再试。',
    network: '无法连接聊天服务，请检查网络后重试。',
    generic: '出错了，请重试。',
  },
  notices: {
    agent_joined: '{a} 已加入聊天',
    agent_left: '{a} 已离开聊天',
    customer_left: '您已离开聊天',
    transferred: '正在为您转接…',
    conference_requested: '正在邀请另一位座席…',
    conference_joined: '{a} 已加入会话',
    conference_left: '{a} 已离开会话',
    conference_ended: '另一位座席已离开会话',
    conference_declined: '另一位座席无法加入',
    transfer_failed: '转接未成功',
    no_agent_available: '目前没有可用的座席，请稍后再试。',
    conversation_closed: '此聊天已关闭',
    abandoned: '您离开期间此聊天已关闭。如需帮助，请开始新的聊天。',
  },
};

export function strings(lang: Lang): Strings {
  return lang === 'zh-CN' ? zh : en;
}

export function pickLang(raw: string | null | undefined): Lang {
  return raw && /^zh/i.test(raw) ? 'zh-CN' : 'en';
}

/** Notices are codes so each client words them in its own language; `fallback` is the server text. */
export function noticeText(t: Strings, n: NoticeDto, fallback: string): string {
  const tpl = t.notices[n.code];
  if (!tpl) return fallback || n.code;
  return tpl.replace('{a}', n.agentName || t.agent);
}

export function errorText(t: Strings, code: string | undefined, fallback?: string): string {
  return (code && t.errors[code]) || fallback || t.errors.generic || '';
}
