import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts with `npm run db:generate` and committed; the app
// applies them itself on start-up (db/engines/), on either engine. The functions, triggers and
// built-in rows drizzle cannot describe are in db/sql/ (see docs/developer/migrations.md).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  extensionsFilters: ['postgis'],
});
