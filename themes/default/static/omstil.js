// omstil: small enhancements; the site works without JavaScript.
