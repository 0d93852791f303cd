import { describe, expect, it } from "vitest";
import { placeLandmarkLabels, placeStreetLabels } from "./street-labels.ts";

const identity = (lng: number, lat: number): [number, number] => [lng, lat];

describe("placeStreetLabels", () => {
  it("puts the name at the middle of the course, along the street and upright", () => {
    const [label] = placeStreetLabels(
      [
        {
          id: "a",
          name: "Main",
          line: [
            [100, 0],
            [0, 0],
          ],
        },
      ],
      identity,
    );
    expect(label).toMatchObject({ id: "a", name: "Main", x: 50, y: 0 });
    expect(Math.abs(label!.angle)).toBe(0);
    const [steep] = placeStreetLabels(
      [
        {
          id: "b",
          name: "Up",
          line: [
            [0, 0],
            [0, -100],
          ],
        },
      ],
      identity,
    );
    expect(steep!.angle).toBe(-90);
    const [bent] = placeStreetLabels(
      [
        {
          id: "c",
          name: "Bent",
          line: [
            [0, 0],
            [30, 0],
            [30, 90],
          ],
        },
      ],
      identity,
    );
    expect(bent).toMatchObject({ x: 30, angle: 90 });
    expect(bent!.y).toBeCloseTo(30, 9);
  });

  it("leaves out streets too short to name and labels that would overlap", () => {
    const labels = placeStreetLabels(
      [
        {
          id: "long",
          name: "Long",
          line: [
            [0, 0],
            [200, 0],
          ],
        },
        {
          id: "short",
          name: "Short",
          line: [
            [0, 50],
            [40, 50],
          ],
        },
        {
          id: "twin",
          name: "Twin",
          line: [
            [0, 10],
            [200, 10],
          ],
        },
        {
          id: "far",
          name: "Far",
          line: [
            [0, 120],
            [200, 120],
          ],
        },
      ],
      identity,
    );
    expect(labels.map((l) => l.id)).toEqual(["long", "far"]);
  });

  it("keeps landmark names from printing over each other or over a street's name", () => {
    const at = (id: string, x: number, y: number) => ({ id, name: "Somewhere", lng: x, lat: y });
    const [street] = placeStreetLabels(
      [
        {
          id: "s",
          name: "Main",
          line: [
            [0, 100],
            [200, 100],
          ],
        },
      ],
      identity,
    );
    const placed = placeLandmarkLabels(
      [at("a", 0, 0), at("b", 20, 5), at("c", 0, 40), at("d", 80, 100)],
      identity,
      [street!],
    );
    expect(placed.map((l) => l.id)).toEqual(["a", "c"]);
  });
});
