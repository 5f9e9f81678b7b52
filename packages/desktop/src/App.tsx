import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { setUnauthorizedHandler, tokenStore } from './api/http';
import { api } from './api/endpoints';
import { I18nProvider } from './features/i18n/i18n';
import { clearAllDrafts } from './features/composer/draft-storage';

const LoginPage = lazy(() => import('./features/login/LoginPage'));
const Desk = lazy(() => import('./features/desk/Desk'));

export function App() {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const signOut = useCallback(() => {
    const done = () => {
      tokenStore.clear();
      clearAllDrafts(sessionStorage);
      // A clean page: no state from the previous agent survives.
      location.reload();
    };
    api.logout().then(done, done);
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      tokenStore.clear();
      setToken(null);
    });
  }, []);
  return (
    <I18nProvider>
      <Router hook={useHashLocation}>
        <Suspense fallback={<div className="loading-screen" />}>
          {token ? <Desk token={token} onSignOut={signOut} /> : <LoginPage onSignedIn={setToken} />}
        </Suspense>
      </Router>
    </I18nProvider>
  );
}
