import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts with `npx drizzle-kit generate` and committed;
// the app applies them itself on start-up (see db/migrate.ts), on either engine.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  extensionsFilters: ['postgis'],
});
