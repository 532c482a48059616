/**
 * Entry point: the only module that reads the environment or installs signal handlers.
 * `npm start` runs it.
 */
import { ConfigError, parseConfig } from './config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { ForeignMigrationHistoryError } from '../db/migration-history.ts';
import { start } from './start.ts';

const logger = {
  info: (message: string) => console.log(message),
  error: (message: string, error?: unknown) => console.error(message, error ?? ''),
};

try {
  const config = parseConfig(process.env);
  const running = await start(config, logger);
  logger.info(`Mont-Blanc Sector Atlas listening on ${running.url}  (API docs: ${running.url}/api/docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: closing the server and the database`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof ForeignMigrationHistoryError) {
    console.error(error.message);
  } else {
    console.error('The Atlas could not start:', error);
  }
  process.exit(1);
}
