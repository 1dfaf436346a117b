import { API_PREFIX, sessionSchema, type Session } from '../shared/api/accounts';
import { apiErrorSchema } from '../shared/api/errors';
import { PAIRING_CLAIM_PATH } from '../shared/api/pairing';
import { DEFAULT_HOST_PORT } from './host-mode';
import { CertificatePinError, createPinnedFetch, type PinnedFetch } from './pinned-fetch';

/**
 * The device side of pairing: reach the host over HTTPS, accept only the
 * certificate whose fingerprint the user typed from the host's screen, and
 * claim the pairing code with the user's credentials. Nothing is sent before
 * the certificate checked out.
 */
export type PairingErrorCode =
  'INVALID_ARGUMENT' | 'CERTIFICATE_MISMATCH' | 'HOST_UNREACHABLE' | 'PAIRING_REFUSED';

export interface PairingError {
  code: PairingErrorCode;
  message: string;
  /** The hub's own error code when it refused (PAIRING_CODE_INVALID, INVALID_CREDENTIALS…). */
  hubCode?: string;
}

export type PairingOutcome =
  | { ok: true; origin: string; fingerprint: string; session: Session }
  | { ok: false; error: PairingError };

/** Accepts what people type: "192.168.1.20", "192.168.1.20:7410", "https://host:7410/". */
export const hostOriginFromAddress = (
  address: string,
): { ok: true; origin: string } | { ok: false; message: string } => {
  const text = address.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      ok: false,
      message: `"${address}" is not an address; type it as shown on the host, e.g. 192.168.1.20:7410`,
    };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, message: 'A desktop host is reached over https only' };
  }
  if (
    url.username ||
    url.password ||
    url.pathname.replace(/\/+$/, '') !== '' ||
    url.search ||
    url.hash
  ) {
    return { ok: false, message: 'Type only the host address and port, e.g. 192.168.1.20:7410' };
  }
  if (!url.port) url.port = String(DEFAULT_HOST_PORT);
  return { ok: true, origin: url.origin };
};

const describe = (e: unknown): string => {
  if (e instanceof Error && e.cause instanceof Error) return e.cause.message;
  return e instanceof Error ? e.message : String(e);
};

export interface PairWithHostInput {
  address: string;
  code: string;
  fingerprint: string;
  username: string;
  password: string;
  deviceName?: string;
}

export const pairWithHost = async (
  input: PairWithHostInput,
  makeFetch: (pin: string) => PinnedFetch = createPinnedFetch,
): Promise<PairingOutcome> => {
  const target = hostOriginFromAddress(input.address);
  if (!target.ok)
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: target.message } };
  const fetch = makeFetch(input.fingerprint);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${target.origin}${API_PREFIX}${PAIRING_CLAIM_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: input.code,
        username: input.username,
        password: input.password,
        ...(input.deviceName ? { deviceName: input.deviceName } : {}),
      }),
    });
    text = await response.text();
  } catch (e) {
    if (e instanceof CertificatePinError) {
      return { ok: false, error: { code: 'CERTIFICATE_MISMATCH', message: e.message } };
    }
    return {
      ok: false,
      error: {
        code: 'HOST_UNREACHABLE',
        message: `Could not reach the host at ${target.origin}: ${describe(e)}. Check the address, that host mode with network sharing is on there, and that both computers are on the same network.`,
      },
    };
  } finally {
    fetch.close();
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) {
    const session = sessionSchema.safeParse(body);
    if (session.success) {
      return {
        ok: true,
        origin: target.origin,
        fingerprint: input.fingerprint,
        session: session.data,
      };
    }
  }
  const error = apiErrorSchema.safeParse(body);
  if (error.success) {
    return {
      ok: false,
      error: {
        code: 'PAIRING_REFUSED',
        message: error.data.error.message,
        hubCode: error.data.error.code,
      },
    };
  }
  return {
    ok: false,
    error: {
      code: 'PAIRING_REFUSED',
      message:
        response.status === 404
          ? `${target.origin} does not accept pairing: is host mode with network sharing on there?`
          : `The host at ${target.origin} answered in a way Outpost cannot read (HTTP ${response.status}); is it an Outpost host of a matching version?`,
    },
  };
};
