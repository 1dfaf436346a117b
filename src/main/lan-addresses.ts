import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The addresses other computers on the LAN can use to reach this one:
 * IPv4, not loopback, not link-local (169.254.x.x only appears when DHCP
 * failed, and nobody can type an IPv6 link-local address with its zone).
 */
export interface LanAddress {
  interfaceName: string;
  address: string;
}

export type NetworkInterfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

const isIpv4 = (info: NetworkInterfaceInfo): boolean =>
  // Node 18.0–18.3 reported the family as a number.
  info.family === 'IPv4' || (info.family as unknown) === 4;

export const lanAddresses = (interfaces: ReturnType<NetworkInterfaces>): LanAddress[] => {
  const out: LanAddress[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (!isIpv4(info) || info.internal || info.address.startsWith('169.254.')) continue;
      if (!out.some((a) => a.address === info.address))
        out.push({ interfaceName, address: info.address });
    }
  }
  return out;
};
