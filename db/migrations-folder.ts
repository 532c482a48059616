import { projectPath } from '../project-root.ts';

export const migrationsFolder = projectPath('db', 'migrations');
