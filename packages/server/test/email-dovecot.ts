import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@parley/testkit';

/**
 * A real Dovecot IMAP server for one test file: its own config, maildir, sockets and log in a temp
 * folder, one user, plain-text login on a loopback port. Needs no root; as root it drops to the
 * `dovecot`/`dovenull` users Debian's package creates (Dovecot refuses to serve mail as root).
 */

export const DOVECOT = '/usr/sbin/dovecot';
export const dovecotInstalled = existsSync(DOVECOT);

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  stop: () => Promise<void>;
}

interface Accounts {
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mailUid: number;
  mailGid: number;
}

function idOf(flag: '-u' | '-g', user?: string): number {
  return Number(execFileSync('id', user ? [flag, user] : [flag], { encoding: 'utf8' }).trim());
}

function accounts(): Accounts {
  if (process.getuid?.() !== 0) {
    const me = userInfo().username;
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { internalUser: me, internalGroup: group, loginUser: me, mailUid: idOf('-u'), mailGid: idOf('-g') };
  }
  return { internalUser: 'dovecot', internalGroup: 'dovecot', loginUser: 'dovenull', mailUid: idOf('-u', 'dovecot'), mailGid: idOf('-g', 'dovecot') };
}

function config(root: string, port: number, a: Accounts): string {
  return `
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${root}/mail/%u
first_valid_uid = ${a.mailUid}
first_valid_gid = ${a.mailGid}
default_internal_user = ${a.internalUser}
default_internal_group = ${a.internalGroup}
default_login_user = ${a.loginUser}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = static
  args = uid=${a.mailUid} gid=${a.mailGid} home=${root}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

/** Resolves once the server greets on the port; rejects when the process exits first. */
function greeted(port: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const onExit = (code: number | null) => {
      done = true;
      reject(new Error(`dovecot exited (${code}) before it listened`));
    };
    child.once('exit', onExit);
    const attempt = () => {
      if (done) return;
      const s = connect(port, '127.0.0.1');
      s.once('data', (d) => {
        s.destroy();
        if (!d.toString().startsWith('* OK')) return setImmediate(attempt);
        done = true;
        child.off('exit', onExit);
        resolve();
      });
      // Not listening yet: try again when the event loop comes round (no fixed sleep).
      s.once('error', () => setTimeout(attempt, 25));
    };
    attempt();
  });
}

export async function startDovecot(user = 'parley', pass = 'secret-pass'): Promise<Dovecot> {
  const a = accounts();
  const root = mkdtempSync(join(tmpdir(), 'parley-dovecot-'));
  chmodSync(root, 0o755); // the mail user must be able to reach its maildir
  for (const dir of ['run', 'state', 'mail']) mkdirSync(join(root, dir));
  chownSync(join(root, 'mail'), a.mailUid, a.mailGid);
  writeFileSync(join(root, 'passwd'), `${user}:{PLAIN}${pass}::::::\n`);
  let lastError: unknown;
  // The port is picked then bound by Dovecot: if someone took it meanwhile, pick another.
  for (let tries = 0; tries < 5; tries++) {
    const port = await freePort();
    writeFileSync(join(root, 'dovecot.conf'), config(root, port, a));
    const child = spawn(DOVECOT, ['-F', '-c', join(root, 'dovecot.conf')], { stdio: 'ignore' });
    try {
      await greeted(port, child);
    } catch (err) {
      lastError = err;
      continue;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      host: '127.0.0.1',
      port,
      user,
      pass,
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  const log = existsSync(join(root, 'dovecot.log')) ? readFileSync(join(root, 'dovecot.log'), 'utf8') : '';
  rmSync(root, { recursive: true, force: true });
  throw new Error(`dovecot did not start: ${String(lastError)}\n${log}`);
}
