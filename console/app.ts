import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { CaseHandlerDeps } from '../functions/commons/deps.ts';
import { makeStaffActionHandler } from '../functions/staff-action/handler.ts';
import { type AssetRoots, readAsset } from './assets.ts';
import { finishCognitoLogin, LOGIN_COOKIE, startCognitoLogin } from './cognito-sign-in.ts';
import type { ConsoleEnv } from './env.ts';
import { page } from './layout.ts';
import type { OneTimeLinks } from './local-sign-in.ts';
import { registerPages } from './pages/index.ts';
import type { StaffUser } from './roles.ts';
import { csrfToken, decodeSession, encodeSession, newSession, SESSION_COOKIE, validCsrf } from './session.ts';

/**
 * The staff console: one Hono application, served by `npm start` (Node) and by the console Lambda (AWS).
 * Every page needs a session; every POST needs the session's CSRF token; each action is checked against the
 * signed-in user's roles, validated by the staff-action schemas and run by the same staff-action handler.
 */
export type SignInMethod =
  | { kind: 'local'; links: OneTimeLinks }
  | {
      kind: 'cognito';
      /** The user pool's managed login domain, e.g. https://wp-console-prod.auth.eu-west-2.amazoncognito.com. */
      domainUrl: string;
      /** A public app client: the authorisation code is exchanged with PKCE, no client secret. */
      clientId: string;
      /** Verifies an ID token (signature, issuer, audience, expiry) and maps its groups to roles; null if refused. */
      verifyIdToken: (idToken: string) => Promise<StaffUser | null>;
    };

export interface ConsoleOptions {
  deps: CaseHandlerDeps;
  /** Signs the session cookie and derives CSRF tokens (SSM SecureString in AWS, random per start locally). */
  secret: string;
  assets: AssetRoots;
  signIn: SignInMethod;
  /** Secure cookies (HTTPS); false only on the loopback address of `npm start`. */
  secureCookies: boolean;
  log?: (line: string) => void;
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
};

/** The console's own /auth/callback, on the address the request came to (the HTTPS endpoint in AWS). */
function callbackOf(requestUrl: string): string {
  return new URL('/auth/callback', requestUrl).toString();
}

export function createConsoleApp(options: ConsoleOptions): Hono<ConsoleEnv> {
  const { deps, secret } = options;
  const log = options.log ?? (() => {});
  const app = new Hono<ConsoleEnv>();
  const staffAction = makeStaffActionHandler(deps);

  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'same-origin' }));

  app.onError((err, c) => {
    log(`console: ${c.req.method} ${c.req.path} failed: ${err.name}: ${err.message}`);
    return c.html(
      page(
        { user: c.get('user') ?? null, csrf: '', path: c.req.path },
        'Sorry, there is a problem with the service',
        html`<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1><p class="govuk-body">Nothing was recorded by this request. Try again later.</p>`,
      ),
      500,
    );
  });

  app.get('/favicon.ico', (c) => c.redirect('/assets/images/favicon.ico', 301));

  app.get('/assets/:name{.+}', async (c) => {
    const asset = await readAsset(options.assets, c.req.param('name'));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
  });

  const startSession = (c: Context<ConsoleEnv>, user: StaffUser) => {
    const session = newSession(user, deps.now());
    setCookie(c, SESSION_COOKIE, encodeSession(secret, session), {
      httpOnly: true,
      secure: options.secureCookies,
      sameSite: 'Strict',
      path: '/',
      maxAge: 8 * 3600,
    });
    log(`console: ${user.email} signed in`);
  };

  app.get('/sign-in', (c) => {
    if (options.signIn.kind === 'cognito') {
      const { url, cookie } = startCognitoLogin(options.signIn, secret, deps.now(), callbackOf(c.req.url));
      setCookie(c, LOGIN_COOKIE, cookie, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/auth', maxAge: 600 });
      return c.redirect(url, 302);
    }
    return c.html(
      page(
        { user: null, csrf: '', path: '/sign-in' },
        'Sign in',
        html`<h1 class="govuk-heading-l">Sign in</h1>
<p class="govuk-body">Use the one-time sign-in link <code>npm start</code> printed for you. Each link works once; restart to get new ones.</p>`,
      ),
      401,
    );
  });

  app.get('/sign-in/:token', (c) => {
    if (options.signIn.kind !== 'local') return c.notFound();
    const user = options.signIn.links.redeem(c.req.param('token'));
    if (!user) return c.redirect('/sign-in', 303);
    startSession(c, user);
    return c.redirect('/', 303);
  });

  app.get('/auth/callback', async (c) => {
    if (options.signIn.kind !== 'cognito') return c.notFound();
    const user = await finishCognitoLogin(options.signIn, secret, deps.now(), callbackOf(c.req.url), {
      code: c.req.query('code'),
      state: c.req.query('state'),
      cookie: getCookie(c, LOGIN_COOKIE),
    });
    deleteCookie(c, LOGIN_COOKIE, { path: '/auth', secure: true });
    if (!user) {
      log('console: a Cognito sign-in was refused (state, code or token not valid)');
      return c.redirect('/sign-in', 303);
    }
    startSession(c, user);
    return c.redirect('/', 303);
  });

  app.get('/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.secureCookies });
    const signIn = options.signIn;
    if (signIn.kind === 'local') return c.redirect('/sign-in', 303);
    const back = new URL('/sign-in', c.req.url).toString();
    return c.redirect(
      `${signIn.domainUrl}/logout?client_id=${encodeURIComponent(signIn.clientId)}&logout_uri=${encodeURIComponent(back)}`,
      303,
    );
  });

  // Everything below needs a session; a POST also needs the session's CSRF token.
  app.use('*', async (c, next) => {
    const session = decodeSession(secret, getCookie(c, SESSION_COOKIE), deps.now());
    if (!session) return c.redirect('/sign-in', 303);
    c.set('user', session.user);
    c.set('csrf', csrfToken(secret, session));
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!validCsrf(secret, session, body._csrf)) {
        log(`console: ${session.user.email} ${c.req.path}: refused, no valid CSRF token`);
        return c.text(
          'This form has expired or did not come from the console. Go back, reload the page and try again.',
          403,
        );
      }
      c.set('form', body);
    }
    return next();
  });

  registerPages(app, { deps, staffAction, log });
  return app;
}
