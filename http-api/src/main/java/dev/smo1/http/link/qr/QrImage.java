package dev.smo1.http.link.qr;

/** A drawn QR code: the image's bytes in its format. */
public record QrImage(QrStyle.Format format, byte[] bytes) {}
