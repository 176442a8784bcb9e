package io.jitpay.alipay.sandbox;

import java.util.Map;

/** What a trade API answers; the gateway turns it into HTTP. */
sealed interface ApiAnswer {

    /** A JSON answer with this inner object. */
    static ApiAnswer json(Map<String, ?> inner) {
        return new Json(inner);
    }

    /** The inner object of a JSON answer, which the gateway wraps in the signed {@code <method>_response}. */
    record Json(Map<String, ?> inner) implements ApiAnswer {
    }

    /** A page request accepted: the browser goes on to the cashier. */
    record Redirect(String location) implements ApiAnswer {
    }

    /**
     * A page request refused: the buyer sees an error page, as Alipay shows one.
     * @param subCode the {@code sub_code} a JSON answer would carry, for example {@code ACQ.INVALID_PARAMETER}
     * @param detail  what exactly, for example the invalid field, or {@code ""}
     */
    record RefusedPage(String subCode, String detail) implements ApiAnswer {
    }
}
