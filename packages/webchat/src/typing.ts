const IDLE_MS = 3_000;
/** Re-send `typing:true` this often while typing, so a server-side expiry never hides it. */
const REFRESH_MS = 2_500;

/** Outbound typing signal: `true` at most every 2.5 s while keys are pressed, `false` after 3 s idle. */
export class TypingSender {
  private sentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  /** `send` returns false when the socket is down; then nothing counts as sent. */
  constructor(private readonly send: (typing: boolean) => boolean) {}

  input(hasText: boolean): void {
    if (!hasText) return this.stop();
    const now = Date.now();
    if (now - this.sentAt > REFRESH_MS && this.send(true)) this.sentAt = now;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (this.sentAt) this.send(false);
    this.sentAt = 0;
  }

  /** The socket dropped: the server clears our typing state itself, so only forget it here. */
  forget(): void {
    clearTimeout(this.idle);
    this.sentAt = 0;
  }
}
