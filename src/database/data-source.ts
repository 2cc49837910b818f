// The TypeORM CLI's data source (npm run migration:generate|run|revert).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildAppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(buildAppConfig(process.env).database));
