// The same cost as the demo seed's hashes: about 60 ms on a small server.
export const BCRYPT_COST = 10;
