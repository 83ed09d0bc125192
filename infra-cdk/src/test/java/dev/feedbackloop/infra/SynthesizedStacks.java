package dev.feedbackloop.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Two stages of the app, synthesised once per test JVM (starting jsii and synthesising takes seconds): {@code prod}
 * with defaults and an alarm address, and {@code dev} with every other setting changed (three secrets imported by
 * name among them), both checked by cdk-nag
 * like {@code cdk synth} checks them. Uses the feature flags of {@code cdk.json}, so the templates are the CLI's.
 */
final class SynthesizedStacks {

    static final String ALARM_EMAIL = "oncall@example.com";
    /** The secrets {@code dev} imports by name (prod creates them). */
    static final String GITHUB_TOKEN_NAME = "team/feedback/github-token";
    static final String LLM_API_KEY_NAME = "team/feedback/llm-key";
    static final String READ_SECRET_NAME = "team/feedback/read";

    private static SynthesizedStacks instance;

    final FeedbackStack prod;
    final FeedbackStack dev;
    final Template prodTemplate;
    final Template devTemplate;

    private SynthesizedStacks(Path workDir) {
        Path zip = writePlaceholderArtifact(workDir);
        App app = new App(AppProps.builder()
                .context(cdkJsonContext())
                .outdir(workDir.resolve("cdk.out").toString())
                .build());
        prod = new FeedbackStack(app, "Prod", StackProps.builder().build(), DeploymentSettings.fromContext(Map.of(
                "stage", "prod",
                "functionZip", zip.toString(),
                "alarmEmail", ALARM_EMAIL)::get));
        dev = new FeedbackStack(app, "Dev", StackProps.builder().build(), DeploymentSettings.fromContext(Map.ofEntries(
                Map.entry("stage", "dev"),
                Map.entry("functionZip", zip.toString()),
                Map.entry("architecture", "x86_64"),
                Map.entry("memorySize", "1024"),
                Map.entry("logRetentionDays", "14"),
                Map.entry("rawReportRetentionDays", "7"),
                Map.entry("llmProvider", "bedrock"),
                Map.entry("llmModel", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                Map.entry("githubTokenSecretName", GITHUB_TOKEN_NAME),
                Map.entry("llmApiKeySecretName", LLM_API_KEY_NAME),
                Map.entry("readSecretName", READ_SECRET_NAME))::get));
        Aspects.of(app).add(new AwsSolutionsChecks());
        prodTemplate = Template.fromStack(prod);
        devTemplate = Template.fromStack(dev);
    }

    static synchronized SynthesizedStacks get() {
        if (instance == null) {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                instance = new SynthesizedStacks(Files.createTempDirectory(target, "synth-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The CloudFormation logical id of a construct's main resource (an L2's default child, or an L1 itself). */
    static String logicalId(IConstruct construct) {
        IConstruct resource = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return (String) Stack.of(construct).resolve(((CfnElement) resource).getLogicalId());
    }

    static Map<String, Object> ref(IConstruct construct) {
        return Map.of("Ref", logicalId(construct));
    }

    static Map<String, Object> arnOf(IConstruct construct) {
        return Map.of("Fn::GetAtt", List.of(logicalId(construct), "Arn"));
    }

    /** A zip with a {@code bootstrap} that fails: enough for CDK to stage as the function asset. */
    static Path writePlaceholderArtifact(Path dir) {
        Path zip = dir.resolve("function.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("bootstrap"));
            out.write("#!/bin/sh\necho 'placeholder artifact of the infra-cdk tests' >&2\nexit 1\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The context of {@code cdk.json} (Jackson comes with the jsii runtime), except that error annotations do not
     * abort synthesis: cdk-nag findings should fail {@link AwsSolutionsComplianceTest}, listed, not every test.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            Map<String, Object> context = new HashMap<>((Map<String, Object>) cdkJson.get("context"));
            context.put("@aws-cdk/core:annotationsInValidationReport", false);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
