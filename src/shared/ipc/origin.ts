import { z } from 'zod';

/** scheme://host[:port] and nothing else: how hubs are told apart. */
export const originSchema = z
  .string()
  .max(2048)
  .refine(
    (s) => {
      try {
        return new URL(s).origin === s;
      } catch {
        return false;
      }
    },
    { error: 'origin must look like https://host:port' },
  );
