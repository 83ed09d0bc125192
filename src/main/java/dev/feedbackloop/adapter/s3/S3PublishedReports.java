package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.PublishedReport;
import dev.feedbackloop.store.PublishedReports;
import dev.feedbackloop.store.StoreException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * The nightly reports in S3, one object per project and UTC day, {@code <prefix><project>/<yyyy-MM-dd>.html}
 * (default prefix {@value #DEFAULT_PREFIX}, outside the raw reports' prefix, so writing one notifies no function and
 * the raw reports' expiry does not touch it). A rerun overwrites the same key. People open it through a pre-signed
 * GET link that expires after {@code linkTtl} (S3 caps it at 7 days, and a link signed with a Lambda role's
 * temporary credentials stops working when they expire, whichever comes first).
 */
public final class S3PublishedReports implements PublishedReports {

    public static final String DEFAULT_PREFIX = "dashboards/";
    /** SigV4 pre-signed URLs are valid for at most 7 days. */
    static final Duration MAX_LINK_TTL = Duration.ofDays(7);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Duration linkTtl;

    public S3PublishedReports(S3Client s3, S3Presigner presigner, String bucket, String prefix, Duration linkTtl) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        if (prefix == null || prefix.startsWith("/") || !(prefix.isEmpty() || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("report prefix must be empty or end with '/', not start with it, was '"
                    + prefix + "'");
        }
        this.prefix = prefix;
        if (linkTtl == null || linkTtl.isNegative() || linkTtl.isZero() || linkTtl.compareTo(MAX_LINK_TTL) > 0) {
            throw new IllegalArgumentException("link time to live must be within 1 s..7 days, was " + linkTtl);
        }
        this.linkTtl = linkTtl;
    }

    /** The object key of {@code project}'s report of {@code day}. */
    public String key(String project, LocalDate day) {
        return prefix + RunKey.requireProjectKey(project) + "/" + day + ".html";
    }

    @Override
    public PublishedReport publish(String project, LocalDate day, byte[] html) {
        String key = key(project, day);
        String location = "s3://" + bucket + "/" + key;
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/html; charset=utf-8")
                    .cacheControl("private, no-store").contentLength((long) html.length), RequestBody.fromBytes(html));
        } catch (SdkException e) {
            throw new StoreException("PutPublishedReport", location, e.getMessage(), e);
        }
        PresignedGetObjectRequest link;
        try {
            link = presigner.presignGetObject(b -> b.signatureDuration(linkTtl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key)));
        } catch (SdkException e) {
            throw new StoreException("PresignPublishedReport", location, e.getMessage(), e);
        }
        return new PublishedReport(location, link.url().toString(), Optional.of(link.expiration()), html.length);
    }
}
