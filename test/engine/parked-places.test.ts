// The places jobs leave chats waiting at are questions of the project's flows.
import { describe, expect, it } from "vitest";
import { PARKED } from "../../src/engine/session-codec.ts";
import { flows } from "../support/engine.ts";

describe("parked places", () => {
  it.each(Object.entries(PARKED))("%s is a question of its flow", (_name, place) => {
    const flow = flows.get(place.flow);
    expect(flow, place.flow).toBeDefined();
    expect(flow?.nodes[place.node]?.ask, `${place.flow}.${place.node}`).toBeDefined();
  });
});
