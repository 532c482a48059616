/**
 * Entry point: the only module that reads the environment or installs signal handlers.
 * `npm start` runs it.
 */
import { ConfigError, parseConfig, type Config } from './config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { ForeignMigrationHistoryError } from '../db/migration-history.ts';
import { createLogger } from './logging/logger.ts';
import { start } from './start.ts';

let config: Config;
try {
  config = parseConfig(process.env);
} catch (error) {
  // No logger yet (its level is configured): a person reads this at the terminal.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel });

try {
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
  if (error instanceof DataDirLockedError || error instanceof ForeignMigrationHistoryError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'The Atlas could not start');
  }
  process.exit(1);
}
