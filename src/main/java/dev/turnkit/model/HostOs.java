package dev.turnkit.model;

/**
 * The platform image of the VM. It decides the host firewall flavour (design-notes.md §7.1), the package manager and
 * the coturn package layout.
 */
public enum HostOs {
    /** Canonical Ubuntu 24.04 (coturn 4.6.1): iptables rules.v4 with a final REJECT, netfilter-persistent. */
    UBUNTU("ubuntu"),
    /** Oracle Linux 9: firewalld; coturn and certbot come from EPEL (ol9_developer_EPEL). */
    ORACLE_LINUX("oracle-linux");

    private final String key;

    HostOs(String key) {
        this.key = key;
    }

    /** coturn's writable state directory in this OS's package (its SQLite userdb lives there). */
    public String coturnStateDir() {
        return this == UBUNTU ? "/var/lib/turn" : "/var/lib/coturn";
    }

    /** The config value, e.g. {@code ubuntu}. */
    public String key() {
        return key;
    }

    public static HostOs fromKey(String key) {
        for (HostOs os : values()) {
            if (os.key.equals(key)) {
                return os;
            }
        }
        return null;
    }
}
