import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES } from '../../src/identity/auth.decorators';
import type { UserRole } from '../../src/identity/entities/user.entity';

export interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  roles: UserRole[] | undefined;
  handler: string;
}

const joinPath = (...parts: string[]) => '/' + parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');

/** Every route the app serves, read from Nest's own metadata (so a route added later is listed too). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = controller.prototype[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, fn) ?? ''].flat() as string[];
        const isPublic = Reflect.getMetadata(IS_PUBLIC, fn) ?? Reflect.getMetadata(IS_PUBLIC, controller) ?? false;
        const roles = Reflect.getMetadata(ROLES, fn) ?? Reflect.getMetadata(ROLES, controller);
        for (const prefix of prefixes) {
          for (const p of paths) {
            routes.push({ method: RequestMethod[method], path: joinPath(prefix, p), isPublic, roles, handler: `${controller.name}.${name}` });
          }
        }
      }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: every parameter becomes a well-formed id that does not exist. */
export function sampleUrl(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}
