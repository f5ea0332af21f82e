import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { BackboneHealthIndicator } from '../health/backbone-health.indicator';
import { BackboneMetrics } from '../metrics/backbone-metrics';
import { EventPublisher } from '../publisher/event-publisher';
import { JoinedUpServer } from '../server/joinedup-server';
import { BACKBONE_OPTIONS, BackboneOptions } from './backbone-options';
import { BackboneRuntime } from './backbone-runtime';

export interface BackboneModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory(...args: never[]): BackboneOptions | Promise<BackboneOptions>;
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
}

/**
 * Wires the backbone into a Nest app. Everything it provides is global: inject EventPublisher
 * to publish, BackboneHealthIndicator and BackboneMetrics to expose them, and connect the
 * server to consume:
 *
 * ```ts
 * const app = await NestFactory.create(AppModule);
 * app.connectMicroservice({ strategy: app.get(JoinedUpServer) });
 * await app.startAllMicroservices();
 * ```
 */
@Module({})
export class BackboneModule {
  static forRoot(options: BackboneOptions): DynamicModule {
    return BackboneModule.with([{ provide: BACKBONE_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: BackboneModuleAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: BACKBONE_OPTIONS,
      useFactory: options.useFactory as (...args: unknown[]) => BackboneOptions,
      inject: options.inject ?? [],
    };
    return BackboneModule.with([provider], options.imports ?? []);
  }

  private static with(
    optionsProviders: Provider[],
    imports: NonNullable<ModuleMetadata['imports']>,
  ): DynamicModule {
    const exported = [
      BackboneRuntime,
      EventPublisher,
      BackboneMetrics,
      JoinedUpServer,
      BackboneHealthIndicator,
    ];
    return {
      module: BackboneModule,
      global: true,
      imports,
      providers: [
        ...optionsProviders,
        {
          provide: BackboneRuntime,
          useFactory: (options: BackboneOptions) => new BackboneRuntime(options),
          inject: [BACKBONE_OPTIONS],
        },
        {
          provide: EventPublisher,
          useFactory: (runtime: BackboneRuntime) => runtime.publisher,
          inject: [BackboneRuntime],
        },
        {
          provide: BackboneMetrics,
          useFactory: (runtime: BackboneRuntime) => runtime.metrics,
          inject: [BackboneRuntime],
        },
        {
          provide: JoinedUpServer,
          useFactory: (runtime: BackboneRuntime) => new JoinedUpServer(runtime),
          inject: [BackboneRuntime],
        },
        {
          provide: BackboneHealthIndicator,
          useFactory: (runtime: BackboneRuntime, server: JoinedUpServer) =>
            new BackboneHealthIndicator(runtime, server),
          inject: [BackboneRuntime, JoinedUpServer],
        },
      ],
      exports: exported,
    };
  }
}
