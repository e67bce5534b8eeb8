package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.flowable.dmn.api.DmnRepositoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BPMN files in processes/ and the Java they call must agree, or a path fails only when an application
 * first walks it. Reads the files from disk, so a typo in a bean or task name fails here, at build time.
 */
@KithTest
class ProcessWiringTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String FLOWABLE = "http://flowable.org/bpmn";
    /** {@code ${bean.method(...)}}: the bean name and the method name. */
    private static final Pattern BEAN_METHOD_CALL =
            Pattern.compile("\\$\\{\\s*([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_]\\w*)\\s*}");

    private record BeanCall(String bean, String method) {
    }

    private static List<Document> processes;

    @Autowired
    ApplicationContext context;
    @Autowired
    List<TaskFormHandler<?>> handlers;
    @Autowired
    RepositoryService repository;
    @Autowired
    DmnRepositoryService dmnRepository;

    @BeforeAll
    static void readProcessFiles() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        List<Document> parsed = new ArrayList<>();
        for (Path file : bpmnFiles()) {
            parsed.add(factory.newDocumentBuilder().parse(file.toFile()));
        }
        processes = parsed;
        assertThat(processes).as("BPMN files in processes/").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyDelegateExpressionIsASpringBeanThatIsAJavaDelegate() {
        List<String> delegates = flowableAttributes("delegateExpression");
        assertThat(delegates).isNotEmpty();
        for (String expression : delegates) {
            Matcher bean = DELEGATE_EXPRESSION.matcher(expression);
            assertThat(bean.matches()).as("delegateExpression %s names one bean", expression).isTrue();
            assertThat(context.containsBean(bean.group(1))).as("bean %s", bean.group(1)).isTrue();
            assertThat(context.getBean(bean.group(1))).as(expression).isInstanceOf(JavaDelegate.class);
        }
    }

    @Test
    void everyBeanMethodCalledFromAnExpressionCollectionOrDueDateExistsOnASpringBean() {
        List<String> expressions = Stream.of("expression", "collection", "dueDate")
                .flatMap(attribute -> flowableAttributes(attribute).stream()).toList();
        List<BeanCall> calls = expressions.stream().flatMap(ProcessWiringTest::beanMethodCalls).toList();
        assertThat(calls).as("${bean.method(...)} calls").hasSizeGreaterThanOrEqualTo(4);
        for (BeanCall call : calls) {
            assertThat(context.containsBean(call.bean()))
                    .as("Spring bean %s, called as ${%s.%s(...)}", call.bean(), call.bean(), call.method()).isTrue();
            Class<?> type = AopUtils.getTargetClass(context.getBean(call.bean()));
            assertThat(Arrays.stream(type.getMethods()).map(Method::getName))
                    .as("public methods of bean %s", call.bean()).contains(call.method());
        }
    }

    @Test
    void everyUserTaskIsAKnownTaskKeyWithAFormHandler() throws IllegalAccessException {
        Set<String> taskKeys = constants(TaskKeys.class);
        Set<String> handled = handlers.stream().map(TaskFormHandler::taskKey).collect(Collectors.toSet());
        Set<String> userTasks = new TreeSet<>(bpmnIds("userTask"));

        assertThat(userTasks).as("userTask ids in processes/").isNotEmpty().isSubsetOf(taskKeys);
        assertThat(handled).as("TaskFormHandler keys").containsAll(userTasks);
        assertThat(userTasks).as("every TaskKeys constant is a task in some process").containsAll(taskKeys);
        assertThat(handlers).as("one handler per task key").hasSameSizeAs(handled);
    }

    @Test
    void everyProcessIsDeployedUnderItsProcessKey() {
        Set<String> inFiles = new TreeSet<>(bpmnIds("process"));
        assertThat(inFiles).containsExactlyInAnyOrder(ProcessKeys.GRANT_APPLICATION, ProcessKeys.GRANT_VARIATION);
        for (String key : inFiles) {
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult()).as("deployed process %s", key).isNotNull();
        }
        assertThat(bpmnIds("message")).contains(ProcessKeys.WITHDRAWAL_MESSAGE);
    }

    @Test
    void theAssessmentRouteDecisionIsDeployed() {
        assertThat(dmnRepository.createDecisionQuery().decisionKey(ProcessKeys.ASSESSMENT_ROUTE_DECISION)
                .latestVersion().singleResult()).as("deployed decision assessmentRoute").isNotNull();
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bpmn20.xml")).sorted().toList();
        }
    }

    /** Values of flowable:{attribute} on any element of any process file. */
    private static List<String> flowableAttributes(String attribute) {
        List<String> values = new ArrayList<>();
        for (Document process : processes) {
            NodeList all = process.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                if (element.hasAttributeNS(FLOWABLE, attribute)) {
                    values.add(element.getAttributeNS(FLOWABLE, attribute));
                }
            }
        }
        return values;
    }

    /** Ids of the BPMN elements with this local name across every process file. */
    private static List<String> bpmnIds(String localName) {
        List<String> ids = new ArrayList<>();
        for (Document process : processes) {
            NodeList found = process.getElementsByTagNameNS(BPMN, localName);
            for (int i = 0; i < found.getLength(); i++) {
                ids.add(((Element) found.item(i)).getAttribute("id"));
            }
        }
        return ids;
    }

    private static Stream<BeanCall> beanMethodCalls(String expression) {
        Matcher call = BEAN_METHOD_CALL.matcher(expression);
        List<BeanCall> calls = new ArrayList<>();
        while (call.find()) {
            calls.add(new BeanCall(call.group(1), call.group(2)));
        }
        return calls.stream();
    }

    private static Set<String> constants(Class<?> holder) throws IllegalAccessException {
        Set<String> values = new TreeSet<>();
        for (Field field : holder.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
