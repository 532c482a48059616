/** How many event streams may be open at once, from one client address and in all. */
export type StreamLimits = { perClient: number; total: number };

export type StreamSlots = {
  /** Takes a slot for `address`: its release, or null when a bound is reached. */
  take(address: string): (() => void) | null;
  open(): number;
};

/** Counts the open event streams, so that one client (or all) cannot hold every socket. */
export function streamSlots({ perClient, total }: StreamLimits): StreamSlots {
  const byAddress = new Map<string, number>();
  let open = 0;
  return {
    take(address) {
      const mine = byAddress.get(address) ?? 0;
      if (mine >= perClient || open >= total) return null;
      byAddress.set(address, mine + 1);
      open += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
      };
    },
    open: () => open,
  };
}
