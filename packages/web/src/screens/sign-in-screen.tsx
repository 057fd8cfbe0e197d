/**
 * Sign-in with a local account. The session lives in an HttpOnly cookie the script never sees.
 */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import type { User } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAction } from '../common/use-action.ts';

export function SignInScreen({ api, onSignedIn }: { readonly api: ApiClient; readonly onSignedIn: (user: User) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await run(async () => {
      const { user } = await api.signIn(name.trim(), password);
      onSignedIn(user);
    });
  };
  return (
    <main className="sign-in" id="main">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title"><span className="brand">MOSAIC</span> Sign in</h1>
        <p className="muted">Restricted system. Every consultation is recorded with its purpose.</p>
        <label htmlFor="sign-in-name">User name</label>
        <input id="sign-in-name" autoComplete="username" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
