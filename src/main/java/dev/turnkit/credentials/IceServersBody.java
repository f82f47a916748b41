package dev.turnkit.credentials;

import dev.turnkit.model.TurnUris;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 200 body of the credentials endpoint: the seed's fields ({@code username}, {@code password}, {@code ttl},
 * {@code uris}) plus {@code expiresAt} and a ready-made WebRTC {@code iceServers} array (a STUN entry and the TURN
 * entry carrying the credential). Written by hand on the hot path: the URIs come from validated configuration and
 * are quoted once; every other value is quoted per response.
 */
final class IceServersBody {
    private final List<String> turnUris;
    private final String stunUri;
    private final String turnUrisJson;
    private final String stunUrisJson;

    IceServersBody(String turnHost, int turnPort, int turnsPort, boolean turns443) {
        this.stunUri = TurnUris.stun(turnHost, turnPort);
        List<String> uris = new ArrayList<>(TurnUris.turn(turnHost, turnPort));
        uris.add(TurnUris.turns(turnHost, turnsPort));
        if (turns443 && turnsPort != 443) {
            uris.add(TurnUris.turns(turnHost, 443));
        }
        this.turnUris = List.copyOf(uris);
        this.turnUrisJson = turnUris.stream().map(JsonText::quote).collect(Collectors.joining(",", "[", "]"));
        this.stunUrisJson = "[" + JsonText.quote(stunUri) + "]";
    }

    static IceServersBody of(CredentialsServerConfig config) {
        return new IceServersBody(config.turnHost(), config.turnPort(), config.turnsPort(), config.turns443());
    }

    List<String> turnUris() {
        return turnUris;
    }

    String stunUri() {
        return stunUri;
    }

    /** The JSON body for {@code issued}, granted for {@code ttlSeconds}. */
    byte[] render(TurnRestCredentials issued, long ttlSeconds) {
        String username = JsonText.quote(issued.username());
        String password = JsonText.quote(issued.password());
        return ("{\"username\":" + username + ",\"password\":" + password + ",\"ttl\":" + ttlSeconds
                + ",\"expiresAt\":" + JsonText.quote(IsoInstant.format(issued.expiresAt())) + ",\"uris\":" + turnUrisJson
                + ",\"iceServers\":[{\"urls\":" + stunUrisJson + "},{\"urls\":" + turnUrisJson
                + ",\"username\":" + username + ",\"credential\":" + password + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
