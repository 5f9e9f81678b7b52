import { useState, type FormEvent } from 'react';
import { api } from '../../api/endpoints';
import { ApiError, tokenStore } from '../../api/http';
import { useT } from '../i18n/i18n';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { requestNotificationPermission } from '../notifications/notifier';

export default function LoginPage({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    requestNotificationPermission();
    try {
      const res = await api.login(username.trim(), password);
      tokenStore.set(res.token);
      onSignedIn(res.token);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.badCredentials') : t('login.failed', { message: String(err instanceof Error ? err.message : err) }));
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)}>
        <div className="login-head">
          <span className="brand-mark" aria-hidden="true" />
          <h1>{t('login.title')}</h1>
        </div>
        <label className="form-field">
          <span>{t('login.username')}</span>
          {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one task; its first field is where typing starts */}
          <input className="input" name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('login.password')}</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <div className="login-foot">
          <LanguageSelect />
        </div>
      </form>
    </main>
  );
}
