import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { assetRootsBeside, type ConsoleEnv, createConsoleApp, staffUserOf } from '../../console/index.ts';
import { awsDeps } from '../commons/aws.ts';
import { requireEnv } from '../commons/environment.ts';
import { logger } from '../commons/powertools.ts';

/**
 * The staff console on Lambda, behind the API Gateway HTTP API (infra/stacks/console-stack.ts): the same Hono app
 * as `npm start` serves, signing in through the Cognito user pool's managed login. Its settings are SSM parameters
 * under CONSOLE_PARAMETER_PREFIX: the session key (a SecureString the operator puts, DEPLOY.md), and the user pool,
 * app client and login domain (the console stack writes them; the client names the API's URL as its callback, so
 * the function cannot take them from the template without a cycle). The static files are copied into the bundle.
 */
const prefix = requireEnv('CONSOLE_PARAMETER_PREFIX');

let app: Promise<Hono<ConsoleEnv>> | undefined;

async function build(): Promise<Hono<ConsoleEnv>> {
  const read = (name: string, decrypt = false) => getParameter(`${prefix}/${name}`, { maxAge: 3600, decrypt });
  const [deps, secret, userPoolId, clientId, domainUrl] = await Promise.all([
    awsDeps(),
    read('session-key', true),
    read('user-pool-id'),
    read('client-id'),
    read('login-domain'),
  ]);
  if (!secret || secret.length < 32 || !userPoolId || !clientId || !domainUrl) {
    throw new Error(
      `console parameters under ${prefix} missing or the session key shorter than 32 characters (DEPLOY.md)`,
    );
  }
  const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId });
  return createConsoleApp({
    deps,
    secret,
    assets: assetRootsBeside(new URL('.', import.meta.url).pathname),
    secureCookies: true,
    log: (line) => logger.info(line),
    signIn: {
      kind: 'cognito',
      domainUrl,
      clientId,
      verifyIdToken: async (token) => {
        try {
          const claims = await verifier.verify(token);
          return staffUserOf(claims);
        } catch {
          return null;
        }
      },
    },
  });
}

export const handler = async (
  event: Parameters<ReturnType<typeof handle>>[0],
  context: Parameters<ReturnType<typeof handle>>[1],
) => {
  app ??= build().catch((err) => {
    app = undefined;
    throw err;
  });
  return handle(await app)(event, context);
};
