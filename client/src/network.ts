/**
 * Whether the machine has a network interface besides loopback: without one, the online checks are not offered and
 * the status says "offline" instead (#29.7). Read from the system (os.networkInterfaces), never by asking the
 * network, since nothing may leave the machine before the user opts in.
 */
export function hasExternalInterface(interfaces: Record<string, readonly { internal: boolean }[] | undefined>): boolean {
  return Object.values(interfaces).some((addresses) => addresses?.some((address) => !address.internal));
}
