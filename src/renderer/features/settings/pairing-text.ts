import { formatPairingCode, PAIRING_ALPHABET } from '../../../shared/api/pairing';
import { normalizeFingerprint } from '../../../shared/ipc/fingerprint';

/**
 * The text a host copies for a colleague (chat, e-mail, a sticky note) and
 * the device pastes back: address, code and fingerprint in one go, so
 * nobody retypes 64 hex digits. Parsing is forgiving about layout and
 * strict about the values.
 */
export interface PairingDetails {
  address: string;
  code: string;
  fingerprint: string;
}

export const formatPairingDetails = (
  d: PairingDetails & { expiresAt: number | null },
  formatTime: (ms: number) => string,
): string =>
  [
    `Outpost host: ${d.address}`,
    `Pairing code: ${formatPairingCode(d.code)}${d.expiresAt ? ` (valid until ${formatTime(d.expiresAt)})` : ''}`,
    `Certificate fingerprint (SHA-256): ${d.fingerprint}`,
  ].join('\n');

const CODE_CHARS = `[${PAIRING_ALPHABET}]`;
const CODE_RE = new RegExp(`code\\s*:\\s*(${CODE_CHARS}{4}-?${CODE_CHARS}{4})\\b`, 'i');
const ADDRESS_RE = /host\s*:\s*(\S+)/i;
const URL_RE = /\bhttps:\/\/[^\s]+/i;
const FINGERPRINT_RE = /([0-9a-f]{2}(?:[:\s-]?[0-9a-f]{2}){31})/i;

/** Whatever could be read; missing parts stay undefined for the form to ask for. */
export const parsePairingDetails = (text: string): Partial<PairingDetails> => {
  const out: Partial<PairingDetails> = {};
  const address = ADDRESS_RE.exec(text)?.[1] ?? URL_RE.exec(text)?.[0];
  if (address) out.address = address.replace(/[.,;]+$/, '');
  const code = CODE_RE.exec(text)?.[1];
  if (code) out.code = formatPairingCode(code.toUpperCase().replace('-', ''));
  const fingerprintText = FINGERPRINT_RE.exec(text)?.[1];
  const fingerprint = fingerprintText ? normalizeFingerprint(fingerprintText) : null;
  if (fingerprint) out.fingerprint = fingerprint;
  return out;
};
