package io.jitpay.sample;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.jitpay.pay.PayException;

/**
 * A payment error that no page handles itself becomes the shop's problem page, in the shopper's words: an order of
 * another session is a 404, like an unknown one; Alipay failing is a 502; a bad signature is a 403.
 */
@ControllerAdvice
class ShopErrors {

    @ExceptionHandler(PayException.class)
    String failure(PayException ex, Model model, HttpServletResponse response) {
        response.setStatus(switch (ex.code()) {
            case ORDER_NOT_EXIST_ERROR -> HttpStatus.NOT_FOUND.value();
            case THIRD_PARTY_ERROR -> HttpStatus.BAD_GATEWAY.value();
            case SIGN_ERROR -> HttpStatus.FORBIDDEN.value();
            default -> HttpStatus.CONFLICT.value();
        });
        model.addAttribute("error", readable(ex));
        return "problem";
    }

    /** What went wrong and what to do, built from the exception's parts as a shopper should read them: no code. */
    static String readable(PayException ex) {
        String text = ex.problem() + ((ex.fix() != null) ? "; " + ex.fix() : "");
        return sentence(text);
    }

    /** The text as a sentence: capitalised, with a full stop. */
    static String sentence(String text) {
        if (text.isEmpty()) {
            return "Something went wrong.";
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }
}
