import { Controller, INestApplication, Inject, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  BackboneModule,
  BackboneOptions,
  EventContext,
  EventOf,
  HandleEvent,
  JoinedUpServer,
} from '@joinedup/backbone';
import type { JoinedUpEvent } from '@joinedup/contracts';

/** One handler call as a test sees it. */
export interface HandlerCall {
  eventType: string;
  eventId: string;
  attempt: number;
  partition: number;
  offset: string;
  startedAt: number;
}

export type Behaviour = (event: JoinedUpEvent, context: EventContext) => unknown;

/** What the test handlers record, and what they do (set per test). */
export class HandlerProbe {
  readonly calls: HandlerCall[] = [];
  behaviour: Behaviour = () => undefined;

  async handle(event: JoinedUpEvent, context: EventContext): Promise<void> {
    this.calls.push({
      eventType: event.eventType,
      eventId: event.eventId,
      attempt: context.attempt,
      partition: context.partition,
      offset: context.offset,
      startedAt: Date.now(),
    });
    await this.behaviour(event, context);
  }

  handledIds(): string[] {
    return this.calls.map((call) => call.eventId);
  }
}

@Controller()
export class WasteRequestHandlers {
  constructor(@Inject(HandlerProbe) private readonly probe: HandlerProbe) {}

  @HandleEvent('MissedCollectionReported')
  async onMissedCollection(
    event: EventOf<'MissedCollectionReported'>,
    context: EventContext,
  ): Promise<void> {
    await this.probe.handle(event, context);
  }

  @HandleEvent('ContainerRequested')
  async onContainerRequested(
    event: EventOf<'ContainerRequested'>,
    context: EventContext,
  ): Promise<void> {
    await this.probe.handle(event, context);
  }
}

/** A Nest app with the backbone and the given handlers, consuming. */
export async function startBackboneApp(
  options: BackboneOptions,
  probe: HandlerProbe,
  controllers: Type[] = [WasteRequestHandlers],
): Promise<INestApplication> {
  const app = await createBackboneApp(options, probe, controllers);
  await startConsuming(app);
  return app;
}

/** The app initialised (database open, producer connected) but not yet in its group. */
export async function createBackboneApp(
  options: BackboneOptions,
  probe: HandlerProbe,
  controllers: Type[] = [WasteRequestHandlers],
): Promise<INestApplication> {
  @Module({
    imports: [BackboneModule.forRoot(options)],
    controllers,
    providers: [{ provide: HandlerProbe, useValue: probe }],
  })
  class TestAppModule {}

  const app = await NestFactory.create(TestAppModule, { logger: false });
  await app.init();
  return app;
}

/** Connects the backbone's server to the app and joins the consumer group. */
export async function startConsuming(app: INestApplication): Promise<void> {
  app.connectMicroservice({ strategy: app.get(JoinedUpServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}

/** Resolves when `condition` holds, polling; rejects with `what` after the timeout. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
