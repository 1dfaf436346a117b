import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oid, smallInteger, time, unsignedInteger } from './der';
import { generateSelfSignedCertificate, ipBytes } from './self-signed';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const YEAR = 365 * 86_400_000;

const make = () =>
  generateSelfSignedCertificate({
    commonName: 'front-desk-pc',
    dnsNames: ['front-desk-pc', 'localhost', 'not a name!'],
    ipAddresses: ['127.0.0.1', '192.168.1.20', '::1', 'nonsense'],
    notBefore: NOW - 3_600_000,
    notAfter: NOW + 5 * YEAR,
  });

describe('self-signed certificate', () => {
  it('parses back with the subject, names, validity and key it was made with', () => {
    const made = make();
    const x509 = new X509Certificate(made.certPem);
    expect(x509.subject).toBe('O=Outpost host mode\nCN=front-desk-pc');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subjectAltName).toBe(
      'DNS:front-desk-pc, DNS:localhost, IP Address:127.0.0.1, IP Address:192.168.1.20, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(Date.parse(x509.validFrom)).toBe(NOW - 3_600_000);
    expect(Date.parse(x509.validTo)).toBe(NOW + 5 * YEAR);
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(x509.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(x509.checkPrivateKey(createPrivateKey(made.keyPem))).toBe(true);
    // Self-signed: its own key verifies its signature.
    expect(x509.verify(createPublicKey(made.certPem))).toBe(true);
    expect(x509.checkHost('front-desk-pc')).toBe('front-desk-pc');
    expect(x509.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(made.fingerprint).toBe(x509.fingerprint256);
    expect(made.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('makes a new key and serial every time', () => {
    const a = make();
    const b = make();
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(new X509Certificate(a.certPem).serialNumber).not.toBe(
      new X509Certificate(b.certPem).serialNumber,
    );
    expect(a.keyPem).not.toBe(b.keyPem);
  });

  it('refuses a validity that ends before it starts', () => {
    expect(() =>
      generateSelfSignedCertificate({
        commonName: 'x',
        dnsNames: [],
        ipAddresses: [],
        notBefore: NOW,
        notAfter: NOW,
      }),
    ).toThrow('notAfter must be later than notBefore');
  });

  it('uses GeneralizedTime from 2050 on, as RFC 5280 requires', () => {
    const x509 = new X509Certificate(
      generateSelfSignedCertificate({
        commonName: 'x',
        dnsNames: [],
        ipAddresses: [],
        notBefore: NOW,
        notAfter: Date.UTC(2051, 5, 1),
      }).certPem,
    );
    expect(Date.parse(x509.validTo)).toBe(Date.UTC(2051, 5, 1));
    expect(time(Date.UTC(2051, 5, 1))[0]).toBe(0x18);
    expect(time(Date.UTC(2049, 5, 1))[0]).toBe(0x17);
  });
});

describe('DER pieces', () => {
  it('encodes object identifiers, integers and long lengths', () => {
    expect(oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(smallInteger(2).toString('hex')).toBe('020102');
    expect(smallInteger(0).toString('hex')).toBe('020100');
    // A set top bit needs a leading zero to stay positive; leading zeros are dropped.
    expect(unsignedInteger(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(unsignedInteger(Buffer.from([0, 0, 5])).toString('hex')).toBe('020105');
  });

  it('encodes IP addresses as subjectAltName wants them', () => {
    expect(ipBytes('192.168.1.20').toString('hex')).toBe('c0a80114');
    expect(ipBytes('::1').toString('hex')).toBe('00000000000000000000000000000001');
    expect(ipBytes('fe80::1:2').toString('hex')).toBe('fe800000000000000000000000010002');
    expect(ipBytes('::ffff:10.0.0.1').toString('hex')).toBe('00000000000000000000ffff0a000001');
    expect(() => ipBytes('example.org')).toThrow('not an IP address');
  });
});
