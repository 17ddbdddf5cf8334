package vn.tinnhiem.election;

/**
 * The shapes of demo conference: the district People's Committee of the original plan (Regulation
 * 96-QĐ/TW), and a commune People's Council under Resolution 96/2023/QH15, the shape local government
 * has had since 1 July 2025 (province and commune, no district).
 */
public enum DemoKind {
    DISTRICT_COMMITTEE, COMMUNE_COUNCIL
}
