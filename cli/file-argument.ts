import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Prints what went wrong and how to call the command, and exits with 2 (a usage error). */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** The one file a command takes, and its options; a usage error otherwise. */
export function fileAndOptions<const O extends Options>(options: O, { usage, missing }: { usage: string; missing: string }) {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options });
  } catch (error) {
    usageError((error as Error).message, usage);
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) usageError(missing, usage);
  return { file, values: parsed.values };
}
