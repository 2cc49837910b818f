import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigValidationError, configNamespace, toInt } from '../config/config-namespace';

class DatabaseVariables {
  @IsString()
  @MinLength(1)
  PGHOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PGPORT = 5432;

  @IsString()
  @MinLength(1)
  PGUSER = 'postgres';

  @IsString()
  PGPASSWORD = '';

  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'PGDATABASE must be a lower-case identifier (letters, digits, _)' })
  PGDATABASE = 'incubator_lms';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  PG_POOL_SIZE = 20;

  /**
   * postgres://user:password@host:port/database; when set it wins over PGHOST, PGPORT, PGUSER and
   * PGDATABASE (each part it leaves out falls back to its PG* variable, the password to PGPASSWORD).
   */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must look like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string = undefined;
}

export type DatabaseConfig = { host: string; port: number; user: string; password: string; database: string; poolSize: number };

/**
 * The database connection: DATABASE_URL's parts where it gives them, else the PG* variables
 * (the password: the URL's, else PGPASSWORD). Query parameters (sslmode …) are refused
 * rather than silently ignored.
 */
export const databaseConfig = configNamespace('database', DatabaseVariables, (v): DatabaseConfig => {
  const fromVars = { host: v.PGHOST, port: v.PGPORT, user: v.PGUSER, password: v.PGPASSWORD, database: v.PGDATABASE, poolSize: v.PG_POOL_SIZE };
  if (!v.DATABASE_URL) return fromVars;
  const bad = (why: string) => new ConfigValidationError([`DATABASE_URL (got <hidden>): ${why}`]);
  let url: URL;
  try {
    url = new URL(v.DATABASE_URL);
  } catch {
    throw bad('not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.search) throw bad('query parameters are not supported; use the PG* variables for other settings');
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw bad(`its ${what} is not valid percent-encoding`);
    }
  };
  const port = url.port === '' ? fromVars.port : Number(url.port);
  const database = url.pathname.replace(/^\//, '');
  if (database !== '' && !/^[a-z_][a-z0-9_]{0,62}$/.test(decode(database, 'database name'))) {
    throw bad('its database name must be a lower-case identifier (letters, digits, _)');
  }
  return {
    // WHATWG URL keeps IPv6 literals in brackets; pg wants them bare.
    host: url.hostname === '' ? fromVars.host : url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: url.username === '' ? fromVars.user : decode(url.username, 'user name'),
    password: url.password === '' ? fromVars.password : decode(url.password, 'password'),
    database: database === '' ? fromVars.database : decode(database, 'database name'),
    poolSize: fromVars.poolSize,
  };
});
