// The embedded demo gazetteer: real streets and landmarks around the seeded stores (New York Midtown and
// Williamsburg, Berlin Mitte and Kreuzberg, Tokyo Shibuya and Shinjuku), with local and English names.
// Positions are approximate (within about 100 m): Manhattan and Williamsburg follow their street grids,
// the rest are points along each street. House numbers are interpolated between the numbered points of
// a street (those points are estimates too); Tokyo addresses go by block, not street, so its streets
// have no house numbers. It only knows these districts: a real deployment points GEOCODER_URL at a
// Photon server (see README.md).

export type CityId = "nyc" | "berlin" | "tokyo";

export interface GazetteerCity {
  id: CityId;
  /** The language of the local names. */
  language: "en" | "de" | "ja";
  countryCode: "US" | "DE" | "JP";
  /** The city's name by language (the local one first). */
  names: Record<string, string>;
}

/** A point of a street: latitude, longitude and, on numbered streets, the house number there. */
export type StreetPoint = [lat: number, lng: number, houseNumber?: number];

export interface GazetteerStreet {
  id: string;
  city: CityId;
  /** The local name ("Oranienstraße", "公園通り"). */
  name: string;
  /** The English name where it differs ("Koen-dori"). */
  nameEn?: string;
  /** Other names people type ("6th Avenue"). */
  aliases?: string[];
  postcode?: string;
  district?: string;
  /** The district's English name where it differs ("Shibuya" for 渋谷区). */
  districtEn?: string;
  /**
   * The street's course. When every point has a house number, numbers are interpolated between them;
   * `horseshoe` streets number up one side and back down the other (Berlin's older streets).
   */
  line: StreetPoint[];
  horseshoe?: boolean;
}

export interface GazetteerLandmark {
  id: string;
  city: CityId;
  name: string;
  nameEn?: string;
  aliases?: string[];
  lat: number;
  lng: number;
  street?: string;
  houseNumber?: string;
  postcode?: string;
  district?: string;
  districtEn?: string;
}

export const CITIES: GazetteerCity[] = [
  {
    id: "nyc",
    language: "en",
    countryCode: "US",
    names: { en: "New York", de: "New York", ja: "ニューヨーク" },
  },
  { id: "berlin", language: "de", countryCode: "DE", names: { de: "Berlin", en: "Berlin", ja: "ベルリン" } },
  { id: "tokyo", language: "ja", countryCode: "JP", names: { ja: "東京", en: "Tokyo", de: "Tokio" } },
];

type StreetFields = Omit<GazetteerStreet, "id" | "city" | "name">;
const street = (id: string, city: CityId, name: string, fields: StreetFields): GazetteerStreet => ({
  id,
  city,
  name,
  ...fields,
});

export const STREETS: GazetteerStreet[] = [
  // New York: Midtown Manhattan (West/East streets numbered from Fifth Avenue) and Williamsburg.
  street("nyc-w34", "nyc", "West 34th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.74857, -73.98478, 1],
      [40.74979, -73.98769, 100],
      [40.75092, -73.99039, 200],
      [40.75206, -73.9931, 300],
      [40.75328, -73.996, 400],
    ],
  }),
  street("nyc-w35", "nyc", "West 35th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.7492, -73.98432, 1],
      [40.75042, -73.98723, 100],
      [40.75155, -73.98993, 200],
      [40.75269, -73.99264, 300],
      [40.75391, -73.99554, 400],
    ],
  }),
  street("nyc-w36", "nyc", "West 36th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.74983, -73.98386, 1],
      [40.75105, -73.98677, 100],
      [40.75218, -73.98947, 200],
      [40.75332, -73.99218, 300],
      [40.75454, -73.99508, 400],
    ],
  }),
  street("nyc-w37", "nyc", "West 37th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.75045, -73.9834, 1],
      [40.75168, -73.98631, 100],
      [40.75281, -73.98901, 200],
      [40.75394, -73.99172, 300],
      [40.75516, -73.99462, 400],
    ],
  }),
  street("nyc-w38", "nyc", "West 38th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.75108, -73.98294, 1],
      [40.7523, -73.98585, 100],
      [40.75344, -73.98855, 200],
      [40.75457, -73.99126, 300],
      [40.75579, -73.99416, 400],
    ],
  }),
  street("nyc-w39", "nyc", "West 39th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.75171, -73.98248, 1],
      [40.75293, -73.98539, 100],
      [40.75407, -73.98809, 200],
      [40.7552, -73.9908, 300],
      [40.75642, -73.9937, 400],
    ],
  }),
  street("nyc-w40", "nyc", "West 40th Street", {
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.75234, -73.98202, 1],
      [40.75356, -73.98493, 100],
      [40.7547, -73.98763, 200],
      [40.75583, -73.99034, 300],
      [40.75705, -73.99324, 400],
    ],
  }),
  street("nyc-w41", "nyc", "West 41st Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75297, -73.98156, 1],
      [40.75419, -73.98447, 100],
      [40.75533, -73.98717, 200],
      [40.75646, -73.98988, 300],
      [40.75768, -73.99278, 400],
    ],
  }),
  street("nyc-w42", "nyc", "West 42nd Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.7536, -73.9811, 1],
      [40.75482, -73.98401, 100],
      [40.75595, -73.98671, 200],
      [40.75709, -73.98942, 300],
      [40.75831, -73.99232, 400],
    ],
  }),
  street("nyc-w43", "nyc", "West 43rd Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75423, -73.98064, 1],
      [40.75545, -73.98355, 100],
      [40.75658, -73.98625, 200],
      [40.75772, -73.98896, 300],
      [40.75894, -73.99186, 400],
    ],
  }),
  street("nyc-w44", "nyc", "West 44th Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75486, -73.98018, 1],
      [40.75608, -73.98309, 100],
      [40.75721, -73.98579, 200],
      [40.75835, -73.9885, 300],
      [40.75957, -73.9914, 400],
    ],
  }),
  street("nyc-w45", "nyc", "West 45th Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75549, -73.97972, 1],
      [40.75671, -73.98263, 100],
      [40.75784, -73.98533, 200],
      [40.75898, -73.98804, 300],
      [40.7602, -73.99094, 400],
    ],
  }),
  street("nyc-w46", "nyc", "West 46th Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75612, -73.97926, 1],
      [40.75734, -73.98217, 100],
      [40.75847, -73.98487, 200],
      [40.75961, -73.98758, 300],
      [40.76083, -73.99048, 400],
    ],
  }),
  street("nyc-w47", "nyc", "West 47th Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75675, -73.9788, 1],
      [40.75797, -73.98171, 100],
      [40.7591, -73.98441, 200],
      [40.76023, -73.98712, 300],
      [40.76145, -73.99002, 400],
    ],
  }),
  street("nyc-w48", "nyc", "West 48th Street", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75737, -73.97834, 1],
      [40.75859, -73.98125, 100],
      [40.75973, -73.98395, 200],
      [40.76086, -73.98666, 300],
      [40.76208, -73.98956, 400],
    ],
  }),
  street("nyc-w49", "nyc", "West 49th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.758, -73.97788, 1],
      [40.75922, -73.98079, 100],
      [40.76036, -73.98349, 200],
      [40.76149, -73.9862, 300],
      [40.76271, -73.9891, 400],
    ],
  }),
  street("nyc-w50", "nyc", "West 50th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.75863, -73.97742, 1],
      [40.75985, -73.98033, 100],
      [40.76099, -73.98303, 200],
      [40.76212, -73.98574, 300],
      [40.76334, -73.98864, 400],
    ],
  }),
  street("nyc-w51", "nyc", "West 51st Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.75926, -73.97696, 1],
      [40.76048, -73.97987, 100],
      [40.76162, -73.98257, 200],
      [40.76275, -73.98528, 300],
      [40.76397, -73.98818, 400],
    ],
  }),
  street("nyc-w52", "nyc", "West 52nd Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.75989, -73.9765, 1],
      [40.76111, -73.97941, 100],
      [40.76224, -73.98211, 200],
      [40.76338, -73.98482, 300],
      [40.7646, -73.98772, 400],
    ],
  }),
  street("nyc-w53", "nyc", "West 53rd Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.76052, -73.97604, 1],
      [40.76174, -73.97895, 100],
      [40.76287, -73.98165, 200],
      [40.76401, -73.98436, 300],
      [40.76523, -73.98726, 400],
    ],
  }),
  street("nyc-w54", "nyc", "West 54th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.76115, -73.97558, 1],
      [40.76237, -73.97849, 100],
      [40.7635, -73.98119, 200],
      [40.76464, -73.9839, 300],
      [40.76586, -73.9868, 400],
    ],
  }),
  street("nyc-w55", "nyc", "West 55th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.76178, -73.97512, 1],
      [40.763, -73.97803, 100],
      [40.76413, -73.98073, 200],
      [40.76527, -73.98344, 300],
      [40.76649, -73.98634, 400],
    ],
  }),
  street("nyc-w56", "nyc", "West 56th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.76241, -73.97466, 1],
      [40.76363, -73.97757, 100],
      [40.76476, -73.98027, 200],
      [40.7659, -73.98298, 300],
      [40.76712, -73.98588, 400],
    ],
  }),
  street("nyc-w57", "nyc", "West 57th Street", {
    postcode: "10019",
    district: "Midtown",
    line: [
      [40.76304, -73.9742, 1],
      [40.76426, -73.97711, 100],
      [40.76539, -73.97981, 200],
      [40.76652, -73.98252, 300],
      [40.76774, -73.98542, 400],
    ],
  }),
  street("nyc-e34", "nyc", "East 34th Street", {
    postcode: "10016",
    district: "Midtown",
    line: [
      [40.74857, -73.98478, 1],
      [40.74801, -73.98344, 50],
      [40.7474, -73.98199, 100],
      [40.74679, -73.98053, 150],
    ],
  }),
  street("nyc-e42", "nyc", "East 42nd Street", {
    postcode: "10017",
    district: "Midtown",
    line: [
      [40.7536, -73.9811, 1],
      [40.75304, -73.97976, 50],
      [40.75243, -73.97831, 100],
      [40.75182, -73.97685, 150],
    ],
  }),
  street("nyc-e57", "nyc", "East 57th Street", {
    postcode: "10022",
    district: "Midtown",
    line: [
      [40.76304, -73.9742, 1],
      [40.76247, -73.97286, 50],
      [40.76186, -73.97141, 100],
      [40.76125, -73.96995, 150],
    ],
  }),
  street("nyc-fifth", "nyc", "Fifth Avenue", {
    aliases: ["5th Avenue"],
    postcode: "10018",
    district: "Midtown",
    line: [
      [40.74857, -73.98478, 350],
      [40.7536, -73.9811, 500],
      [40.75863, -73.97742, 630],
      [40.76304, -73.9742, 725],
    ],
  }),
  street("nyc-sixth", "nyc", "Avenue of the Americas", {
    aliases: ["6th Avenue", "Sixth Avenue"],
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.74979, -73.98769, 910],
      [40.75482, -73.98401, 1100],
      [40.75985, -73.98033, 1260],
      [40.76426, -73.97711, 1400],
    ],
  }),
  street("nyc-seventh", "nyc", "Seventh Avenue", {
    aliases: ["7th Avenue"],
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75092, -73.99039, 450],
      [40.75595, -73.98671, 600],
      [40.76099, -73.98303, 750],
      [40.76539, -73.97981, 881],
    ],
  }),
  street("nyc-eighth", "nyc", "Eighth Avenue", {
    aliases: ["8th Avenue"],
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75206, -73.9931, 460],
      [40.75709, -73.98942, 620],
      [40.76212, -73.98574, 780],
      [40.76652, -73.98252, 930],
    ],
  }),
  street("nyc-ninth", "nyc", "Ninth Avenue", {
    aliases: ["9th Avenue"],
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.75328, -73.996, 440],
      [40.75831, -73.99232, 600],
      [40.76334, -73.98864, 760],
      [40.76774, -73.98542, 890],
    ],
  }),
  street("nyc-madison", "nyc", "Madison Avenue", {
    postcode: "10017",
    district: "Midtown",
    line: [
      [40.74801, -73.98344, 200],
      [40.75304, -73.97976, 340],
      [40.75807, -73.97608, 470],
      [40.76247, -73.97286, 590],
    ],
  }),
  street("nyc-park", "nyc", "Park Avenue", {
    postcode: "10017",
    district: "Midtown",
    line: [
      [40.7474, -73.98199, 100],
      [40.75243, -73.97831, 230],
      [40.75746, -73.97463, 300],
      [40.76186, -73.97141, 430],
    ],
  }),
  street("nyc-lex", "nyc", "Lexington Avenue", {
    postcode: "10017",
    district: "Midtown",
    line: [
      [40.74679, -73.98053, 120],
      [40.75182, -73.97685, 420],
      [40.75685, -73.97317, 555],
      [40.76125, -73.96995, 700],
    ],
  }),
  street("nyc-broadway", "nyc", "Broadway", {
    postcode: "10036",
    district: "Midtown",
    line: [
      [40.74979, -73.98769, 1290],
      [40.75753, -73.98556, 1515],
      [40.76778, -73.9816, 1790],
    ],
  }),
  street("bk-n1", "nyc", "North 1st Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71621, -73.96413, 1],
      [40.71544, -73.96268, 50],
      [40.71466, -73.96122, 100],
      [40.71389, -73.95976, 150],
      [40.71311, -73.9583, 200],
      [40.71239, -73.95694, 250],
      [40.71172, -73.95568, 300],
    ],
  }),
  street("bk-n2", "nyc", "North 2nd Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71676, -73.96362, 1],
      [40.71599, -73.96217, 50],
      [40.71521, -73.96071, 100],
      [40.71444, -73.95925, 150],
      [40.71367, -73.95779, 200],
      [40.71294, -73.95643, 250],
      [40.71227, -73.95517, 300],
    ],
  }),
  street("bk-n3", "nyc", "North 3rd Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71731, -73.96311, 1],
      [40.71654, -73.96166, 50],
      [40.71577, -73.9602, 100],
      [40.71499, -73.95874, 150],
      [40.71422, -73.95728, 200],
      [40.7135, -73.95592, 250],
      [40.71282, -73.95466, 300],
    ],
  }),
  street("bk-n4", "nyc", "North 4th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71787, -73.9626, 1],
      [40.71709, -73.96115, 50],
      [40.71632, -73.95969, 100],
      [40.71554, -73.95823, 150],
      [40.71477, -73.95677, 200],
      [40.71405, -73.95541, 250],
      [40.71338, -73.95415, 300],
    ],
  }),
  street("bk-n5", "nyc", "North 5th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71842, -73.96209, 1],
      [40.71764, -73.96064, 50],
      [40.71687, -73.95918, 100],
      [40.7161, -73.95772, 150],
      [40.71532, -73.95626, 200],
      [40.7146, -73.9549, 250],
      [40.71393, -73.95364, 300],
    ],
  }),
  street("bk-n6", "nyc", "North 6th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71897, -73.96158, 1],
      [40.7182, -73.96013, 50],
      [40.71742, -73.95867, 100],
      [40.71665, -73.95721, 150],
      [40.71587, -73.95575, 200],
      [40.71515, -73.95439, 250],
      [40.71448, -73.95313, 300],
    ],
  }),
  street("bk-n7", "nyc", "North 7th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.71952, -73.96107, 1],
      [40.71875, -73.95962, 50],
      [40.71797, -73.95816, 100],
      [40.7172, -73.9567, 150],
      [40.71643, -73.95524, 200],
      [40.7157, -73.95388, 250],
      [40.71503, -73.95262, 300],
    ],
  }),
  street("bk-n8", "nyc", "North 8th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72007, -73.96056, 1],
      [40.7193, -73.95911, 50],
      [40.71853, -73.95765, 100],
      [40.71775, -73.95619, 150],
      [40.71698, -73.95473, 200],
      [40.71626, -73.95337, 250],
      [40.71558, -73.95211, 300],
    ],
  }),
  street("bk-n9", "nyc", "North 9th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72063, -73.96005, 1],
      [40.71985, -73.9586, 50],
      [40.71908, -73.95714, 100],
      [40.7183, -73.95568, 150],
      [40.71753, -73.95422, 200],
      [40.71681, -73.95286, 250],
      [40.71614, -73.9516, 300],
    ],
  }),
  street("bk-n10", "nyc", "North 10th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72118, -73.95954, 1],
      [40.7204, -73.95809, 50],
      [40.71963, -73.95663, 100],
      [40.71886, -73.95517, 150],
      [40.71808, -73.95371, 200],
      [40.71736, -73.95235, 250],
      [40.71669, -73.95109, 300],
    ],
  }),
  street("bk-n11", "nyc", "North 11th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72173, -73.95903, 1],
      [40.72096, -73.95758, 50],
      [40.72018, -73.95612, 100],
      [40.71941, -73.95466, 150],
      [40.71863, -73.9532, 200],
      [40.71791, -73.95184, 250],
      [40.71724, -73.95058, 300],
    ],
  }),
  street("bk-n12", "nyc", "North 12th Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72228, -73.95852, 1],
      [40.72151, -73.95707, 50],
      [40.72073, -73.95561, 100],
      [40.71996, -73.95415, 150],
      [40.71919, -73.95269, 200],
      [40.71846, -73.95133, 250],
      [40.71779, -73.95007, 300],
    ],
  }),
  street("bk-kent", "nyc", "Kent Avenue", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72228, -73.95852, 1],
      [40.71621, -73.96413, 400],
    ],
  }),
  street("bk-wythe", "nyc", "Wythe Avenue", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72151, -73.95707, 1],
      [40.71544, -73.96268, 300],
    ],
  }),
  street("bk-berry", "nyc", "Berry Street", {
    postcode: "11249",
    district: "Williamsburg",
    line: [
      [40.72073, -73.95561, 50],
      [40.71466, -73.96122, 300],
    ],
  }),
  street("bk-bedford", "nyc", "Bedford Avenue", {
    postcode: "11211",
    district: "Williamsburg",
    line: [
      [40.71996, -73.95415, 100],
      [40.71389, -73.95976, 258],
    ],
  }),
  street("bk-driggs", "nyc", "Driggs Avenue", {
    postcode: "11211",
    district: "Williamsburg",
    line: [
      [40.71919, -73.95269, 100],
      [40.71311, -73.9583, 300],
    ],
  }),
  street("bk-roebling", "nyc", "Roebling Street", {
    postcode: "11211",
    district: "Williamsburg",
    line: [
      [40.71846, -73.95133, 50],
      [40.71239, -73.95694, 250],
    ],
  }),

  // Berlin Mitte.
  street("be-torstrasse", "berlin", "Torstraße", {
    postcode: "10119",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5292, 13.4165, 1],
      [52.5297, 13.4015, 60],
      [52.5278, 13.3877, 116],
    ],
  }),
  street("be-rosenthaler", "berlin", "Rosenthaler Straße", {
    postcode: "10119",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5294, 13.4013, 1],
      [52.5232, 13.4025, 36],
    ],
  }),
  street("be-weinmeister", "berlin", "Weinmeisterstraße", {
    postcode: "10178",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5252, 13.4037, 1],
      [52.5266, 13.4063, 9],
    ],
  }),
  street("be-alte-schoenhauser", "berlin", "Alte Schönhauser Straße", {
    postcode: "10119",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5262, 13.4062, 1],
      [52.5293, 13.4093, 30],
    ],
  }),
  street("be-rosa-luxemburg", "berlin", "Rosa-Luxemburg-Straße", {
    postcode: "10178",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5236, 13.4114, 1],
      [52.5275, 13.4104, 30],
    ],
  }),
  street("be-karl-liebknecht", "berlin", "Karl-Liebknecht-Straße", {
    postcode: "10178",
    district: "Mitte",
    line: [
      [52.5186, 13.4011, 1],
      [52.5225, 13.4093, 13],
      [52.5279, 13.4187, 34],
    ],
  }),
  street("be-muenzstrasse", "berlin", "Münzstraße", {
    postcode: "10178",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5241, 13.4081, 1],
      [52.526, 13.406, 12],
    ],
  }),
  street("be-oranienburger", "berlin", "Oranienburger Straße", {
    postcode: "10117",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5235, 13.4016, 1],
      [52.5247, 13.3934, 40],
      [52.5276, 13.3882, 70],
    ],
  }),
  street("be-auguststrasse", "berlin", "Auguststraße", {
    postcode: "10117",
    district: "Mitte",
    horseshoe: true,
    line: [
      [52.5261, 13.4026, 1],
      [52.5274, 13.3924, 46],
    ],
  }),
  street("be-unter-den-linden", "berlin", "Unter den Linden", {
    postcode: "10117",
    district: "Mitte",
    line: [
      [52.5174, 13.3973, 1],
      [52.5163, 13.3795, 77],
    ],
  }),
  street("be-friedrichstrasse", "berlin", "Friedrichstraße", {
    postcode: "10117",
    district: "Mitte",
    line: [
      [52.5005, 13.3912, 1],
      [52.5075, 13.3904, 44],
      [52.52, 13.388, 140],
      [52.5276, 13.3878, 235],
    ],
  }),
  // Berlin Kreuzberg.
  street("be-oranienstrasse", "berlin", "Oranienstraße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4999, 13.4283, 1],
      [52.5008, 13.4222, 30],
      [52.502, 13.4159, 70],
      [52.5038, 13.4107, 104],
    ],
  }),
  street("be-adalbertstrasse", "berlin", "Adalbertstraße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4994, 13.4188, 1],
      [52.5036, 13.4207, 40],
      [52.5082, 13.4223, 80],
    ],
  }),
  street("be-skalitzer", "berlin", "Skalitzer Straße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4991, 13.4181, 1],
      [52.4991, 13.4283, 60],
      [52.501, 13.4414, 100],
    ],
  }),
  street("be-kottbusser-damm", "berlin", "Kottbusser Damm", {
    postcode: "10967",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4988, 13.4181, 1],
      [52.493, 13.4212, 40],
      [52.487, 13.4245, 79],
    ],
  }),
  street("be-wiener", "berlin", "Wiener Straße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4988, 13.426, 1],
      [52.497, 13.4385, 35],
      [52.4958, 13.4455, 66],
    ],
  }),
  street("be-reichenberger", "berlin", "Reichenberger Straße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4972, 13.4196, 1],
      [52.495, 13.434, 80],
      [52.4932, 13.444, 120],
    ],
  }),
  street("be-dresdener", "berlin", "Dresdener Straße", {
    postcode: "10999",
    district: "Kreuzberg",
    horseshoe: true,
    line: [
      [52.4998, 13.4178, 1],
      [52.503, 13.4148, 20],
      [52.5063, 13.4135, 40],
    ],
  }),
  // Tokyo: Shibuya and Shinjuku (streets without house numbers).
  street("tk-koen-dori", "tokyo", "公園通り", {
    nameEn: "Koen-dori",
    postcode: "150-0042",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.6614, 139.7002],
      [35.6641, 139.6988],
      [35.6668, 139.6973],
    ],
  }),
  street("tk-bunkamura-dori", "tokyo", "文化村通り", {
    nameEn: "Bunkamura-dori",
    postcode: "150-0042",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.6595, 139.6996],
      [35.6589, 139.6968],
      [35.6583, 139.6946],
    ],
  }),
  street("tk-dogenzaka", "tokyo", "道玄坂", {
    nameEn: "Dogenzaka",
    postcode: "150-0043",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.6587, 139.6997],
      [35.6577, 139.6975],
      [35.6567, 139.6955],
    ],
  }),
  street("tk-miyamasuzaka", "tokyo", "宮益坂", {
    nameEn: "Miyamasuzaka",
    postcode: "150-0002",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.6597, 139.7028],
      [35.6604, 139.7045],
      [35.6612, 139.7062],
    ],
  }),
  street("tk-inokashira-dori", "tokyo", "井ノ頭通り", {
    nameEn: "Inokashira-dori",
    postcode: "150-0042",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.6603, 139.6996],
      [35.6634, 139.6966],
      [35.6668, 139.6931],
    ],
  }),
  street("tk-meiji-dori", "tokyo", "明治通り", {
    nameEn: "Meiji-dori",
    postcode: "150-0001",
    district: "渋谷区",
    districtEn: "Shibuya",
    line: [
      [35.659, 139.7032],
      [35.6702, 139.7052],
      [35.681, 139.7072],
      [35.6918, 139.7074],
    ],
  }),
  street("tk-yasukuni-dori", "tokyo", "靖国通り", {
    nameEn: "Yasukuni-dori",
    postcode: "160-0022",
    district: "新宿区",
    districtEn: "Shinjuku",
    line: [
      [35.693, 139.6992],
      [35.6933, 139.704],
      [35.6937, 139.709],
    ],
  }),
  street("tk-koshu-kaido", "tokyo", "甲州街道", {
    nameEn: "Koshu-kaido",
    aliases: ["Koshu Kaido", "Route 20"],
    postcode: "151-0053",
    district: "新宿区",
    districtEn: "Shinjuku",
    line: [
      [35.688, 139.69],
      [35.6879, 139.699],
      [35.6877, 139.709],
    ],
  }),
  street("tk-shinjuku-dori", "tokyo", "新宿通り", {
    nameEn: "Shinjuku-dori",
    postcode: "160-0022",
    district: "新宿区",
    districtEn: "Shinjuku",
    line: [
      [35.6912, 139.701],
      [35.6906, 139.706],
      [35.689, 139.712],
    ],
  }),
];

const landmark = (
  id: string,
  city: CityId,
  name: string,
  lat: number,
  lng: number,
  fields: Omit<GazetteerLandmark, "id" | "city" | "name" | "lat" | "lng"> = {},
): GazetteerLandmark => ({ id, city, name, lat, lng, ...fields });

export const LANDMARKS: GazetteerLandmark[] = [
  landmark("nyc-times-square", "nyc", "Times Square", 40.758, -73.9855, {
    postcode: "10036",
    district: "Midtown",
  }),
  landmark("nyc-empire-state", "nyc", "Empire State Building", 40.7484, -73.9857, {
    street: "Fifth Avenue",
    houseNumber: "350",
    postcode: "10118",
    district: "Midtown",
  }),
  landmark("nyc-bryant-park", "nyc", "Bryant Park", 40.7536, -73.9832, {
    postcode: "10018",
    district: "Midtown",
  }),
  landmark("nyc-grand-central", "nyc", "Grand Central Terminal", 40.7527, -73.9772, {
    aliases: ["Grand Central Station"],
    street: "East 42nd Street",
    houseNumber: "89",
    postcode: "10017",
    district: "Midtown",
  }),
  landmark("nyc-rockefeller", "nyc", "Rockefeller Center", 40.7587, -73.9787, {
    postcode: "10111",
    district: "Midtown",
  }),
  landmark("nyc-radio-city", "nyc", "Radio City Music Hall", 40.76, -73.98, {
    street: "Avenue of the Americas",
    houseNumber: "1260",
    postcode: "10020",
    district: "Midtown",
  }),
  landmark("nyc-carnegie-hall", "nyc", "Carnegie Hall", 40.7651, -73.9799, {
    street: "Seventh Avenue",
    houseNumber: "881",
    postcode: "10019",
    district: "Midtown",
  }),
  landmark("nyc-herald-square", "nyc", "Herald Square", 40.7499, -73.9878, {
    postcode: "10001",
    district: "Midtown",
  }),
  landmark("nyc-msg", "nyc", "Madison Square Garden", 40.7505, -73.9934, {
    aliases: ["Penn Station"],
    street: "Pennsylvania Plaza",
    houseNumber: "4",
    postcode: "10001",
    district: "Midtown",
  }),
  landmark("nyc-port-authority", "nyc", "Port Authority Bus Terminal", 40.7568, -73.9907, {
    street: "Eighth Avenue",
    houseNumber: "625",
    postcode: "10018",
    district: "Midtown",
  }),
  landmark("nyc-moma", "nyc", "Museum of Modern Art", 40.7614, -73.9776, {
    aliases: ["MoMA"],
    street: "West 53rd Street",
    houseNumber: "11",
    postcode: "10019",
    district: "Midtown",
  }),
  landmark("nyc-nypl", "nyc", "New York Public Library", 40.7532, -73.9822, {
    street: "Fifth Avenue",
    houseNumber: "476",
    postcode: "10018",
    district: "Midtown",
  }),
  landmark("bk-mccarren-park", "nyc", "McCarren Park", 40.7209, -73.9517, {
    postcode: "11211",
    district: "Williamsburg",
  }),
  landmark("bk-domino-park", "nyc", "Domino Park", 40.7145, -73.968, {
    street: "River Street",
    houseNumber: "15",
    postcode: "11249",
    district: "Williamsburg",
  }),
  landmark("bk-bedford-station", "nyc", "Bedford Avenue Station", 40.7172, -73.9567, {
    aliases: ["Bedford Av L"],
    postcode: "11211",
    district: "Williamsburg",
  }),
  landmark("bk-brewery", "nyc", "Brooklyn Brewery", 40.7217, -73.9574, {
    street: "North 11th Street",
    houseNumber: "79",
    postcode: "11249",
    district: "Williamsburg",
  }),
  landmark("bk-williamsburg-bridge", "nyc", "Williamsburg Bridge", 40.7134, -73.9625, {
    district: "Williamsburg",
  }),
  landmark("be-alexanderplatz", "berlin", "Alexanderplatz", 52.5219, 13.4132, {
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-fernsehturm", "berlin", "Berliner Fernsehturm", 52.5208, 13.4094, {
    nameEn: "Berlin TV Tower",
    aliases: ["Fernsehturm", "TV Tower"],
    street: "Panoramastraße",
    houseNumber: "1A",
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-hackescher-markt", "berlin", "Hackescher Markt", 52.5225, 13.4022, {
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-hackesche-hoefe", "berlin", "Hackesche Höfe", 52.5245, 13.4021, {
    street: "Rosenthaler Straße",
    houseNumber: "40",
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-rosenthaler-platz", "berlin", "Rosenthaler Platz", 52.5297, 13.4015, {
    postcode: "10119",
    district: "Mitte",
  }),
  landmark("be-rotes-rathaus", "berlin", "Rotes Rathaus", 52.5185, 13.4083, {
    nameEn: "Red City Hall",
    street: "Rathausstraße",
    houseNumber: "15",
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-berliner-dom", "berlin", "Berliner Dom", 52.5191, 13.401, {
    nameEn: "Berlin Cathedral",
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-museumsinsel", "berlin", "Museumsinsel", 52.5169, 13.4019, {
    nameEn: "Museum Island",
    postcode: "10178",
    district: "Mitte",
  }),
  landmark("be-brandenburger-tor", "berlin", "Brandenburger Tor", 52.5163, 13.3777, {
    nameEn: "Brandenburg Gate",
    postcode: "10117",
    district: "Mitte",
  }),
  landmark("be-checkpoint-charlie", "berlin", "Checkpoint Charlie", 52.5075, 13.3904, {
    street: "Friedrichstraße",
    houseNumber: "43",
    postcode: "10117",
    district: "Kreuzberg",
  }),
  landmark("be-kottbusser-tor", "berlin", "Kottbusser Tor", 52.4991, 13.4181, {
    aliases: ["Kotti"],
    postcode: "10999",
    district: "Kreuzberg",
  }),
  landmark("be-oranienplatz", "berlin", "Oranienplatz", 52.502, 13.4159, {
    postcode: "10999",
    district: "Kreuzberg",
  }),
  landmark("be-moritzplatz", "berlin", "Moritzplatz", 52.5037, 13.4107, {
    postcode: "10969",
    district: "Kreuzberg",
  }),
  landmark("be-goerlitzer-park", "berlin", "Görlitzer Park", 52.4966, 13.4376, {
    postcode: "10997",
    district: "Kreuzberg",
  }),
  landmark("tk-shibuya-station", "tokyo", "渋谷駅", 35.658, 139.7016, {
    nameEn: "Shibuya Station",
    postcode: "150-0043",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-hachiko", "tokyo", "忠犬ハチ公像", 35.6591, 139.7006, {
    nameEn: "Hachiko Statue",
    aliases: ["ハチ公", "Hachiko"],
    postcode: "150-0043",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-scramble", "tokyo", "渋谷スクランブル交差点", 35.6595, 139.7005, {
    nameEn: "Shibuya Scramble Crossing",
    aliases: ["Shibuya Crossing"],
    postcode: "150-0043",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-hikarie", "tokyo", "渋谷ヒカリエ", 35.659, 139.7036, {
    nameEn: "Shibuya Hikarie",
    postcode: "150-8510",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-109", "tokyo", "渋谷109", 35.6596, 139.6988, {
    nameEn: "Shibuya 109",
    postcode: "150-0043",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-yoyogi-park", "tokyo", "代々木公園", 35.6717, 139.6949, {
    nameEn: "Yoyogi Park",
    postcode: "151-0052",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-meiji-jingu", "tokyo", "明治神宮", 35.6764, 139.6993, {
    nameEn: "Meiji Jingu",
    aliases: ["Meiji Shrine"],
    postcode: "151-8557",
    district: "渋谷区",
    districtEn: "Shibuya",
  }),
  landmark("tk-shinjuku-station", "tokyo", "新宿駅", 35.6896, 139.7006, {
    nameEn: "Shinjuku Station",
    postcode: "160-0022",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
  landmark("tk-tocho", "tokyo", "東京都庁", 35.6896, 139.6917, {
    nameEn: "Tokyo Metropolitan Government Building",
    postcode: "163-8001",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
  landmark("tk-shinjuku-gyoen", "tokyo", "新宿御苑", 35.6852, 139.71, {
    nameEn: "Shinjuku Gyoen",
    postcode: "160-0014",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
  landmark("tk-kabukicho", "tokyo", "歌舞伎町", 35.6938, 139.7034, {
    nameEn: "Kabukicho",
    postcode: "160-0021",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
  landmark("tk-omoide-yokocho", "tokyo", "思い出横丁", 35.6931, 139.6995, {
    nameEn: "Omoide Yokocho",
    postcode: "160-0023",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
  landmark("tk-shinjuku-sanchome", "tokyo", "新宿三丁目駅", 35.6906, 139.7065, {
    nameEn: "Shinjuku-sanchome Station",
    postcode: "160-0022",
    district: "新宿区",
    districtEn: "Shinjuku",
  }),
];
