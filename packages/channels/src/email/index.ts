/** The email channel's pure layer: parse, classify (auto-reply/bounce), thread keys, quote trimming, HTML sanitizing, compose. */
export { bounceDeliveryStatus, type BounceReport, classifyEmail, type EmailClassification } from './classify';
export { type ComposeAddress, type ComposeAttachment, type ComposedEmail, type ComposeEmailInput, type ComposeParent, composeEmail, ourMessageId, type DkimKey, DkimKeyError, MAX_REFERENCES, trimReferences } from './compose';
export type { DsnAction } from './dsn';
export { safeAttachmentFilename } from './filename';
export { type CidImages, imagesAsCid } from './inline-images';
export * from './message';
export { HEADERS_OF_INTEREST, type ParseEmailOptions, parseEmail } from './parse';
export { type TrimmedText, trimQuoted } from './quote';
export { type SanitizedEmailHtml, type SanitizeEmailHtmlOptions, sanitizeEmailHtml } from './sanitize';
export { baseSubject, forwardSubject, hasForwardPrefix, replySubject } from './subject';
export { isForward, newThreadToken, plusAddress, plusToken, subjectToken, type ThreadKey, type ThreadKeyKind, threadKeys, withSubjectToken } from './thread';
export { childThreadIndex, threadIndexRoot } from './thread-index';
export { EmailSettings, emailSettingsProblems } from './settings';
export { emailAdapter } from './adapter';
export { conversationThreadToken } from './conversation-token';
