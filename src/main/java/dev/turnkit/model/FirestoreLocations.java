package dev.turnkit.model;

import java.util.List;

/**
 * The Firestore location ids a database can be created in (the Firestore REST reference's location list, in
 * docs/firebase.md). A database's location cannot be changed after it is created, so a typo is refused up front.
 */
public final class FirestoreLocations {
    /** Multi-region locations. */
    public static final List<String> MULTI_REGIONS = List.of("nam5", "eur3");
    /** Regional locations. */
    public static final List<String> REGIONS = List.of(
            "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3",
            "us-west4", "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1",
            "southamerica-east1", "southamerica-west1",
            "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west2",
            "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10",
            "europe-west12", "europe-west15",
            "me-central1", "me-central2", "me-west1", "africa-south1",
            "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
            "asia-south2", "asia-southeast1", "asia-southeast2", "asia-southeast3", "australia-southeast1", "australia-southeast2");

    private FirestoreLocations() {
    }

    public static boolean isKnown(String location) {
        return MULTI_REGIONS.contains(location) || REGIONS.contains(location);
    }
}
