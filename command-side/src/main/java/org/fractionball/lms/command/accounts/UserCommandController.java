package org.fractionball.lms.command.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.ids.IntegerIds;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contract §5.4 and §5.6 writes: school admins manage their own school's users, admins everyone.
 * Users are provisioned with the Firebase uid they sign in with (never auto-created); the
 * {@code password} field of the original is accepted and ignored (Firebase holds credentials).
 */
@RestController
@Tag(name = "Users")
public class UserCommandController {
    static final String MODEL = "User";

    private final CommandSender commands;
    private final IntegerIds ids;
    private final UserRegistry users;
    private final SchoolDomains schools;

    public UserCommandController(CommandSender commands, IntegerIds ids, UserRegistry users, SchoolDomains schools) {
        this.commands = commands;
        this.ids = ids;
        this.users = users;
        this.schools = schools;
    }

    @Operation(summary = "Provision a user (school admins: in their own school)")
    @PostMapping("/api/users/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        return provision(body, caller, UserCreatedResponse::of);
    }

    @Operation(summary = "Provision a user with its Firebase uid (admin)")
    @PostMapping("/api/admin/users/")
    public ResponseEntity<Object> adminCreate(@RequestBody(required = false) JsonNode body, Caller caller) {
        return provision(body, caller, state -> UserResponse.of(state, schools.nameOf(state.schoolId())));
    }

    @Operation(summary = "Replace a user's fields")
    @PutMapping({"/api/users/{id}/", "/api/admin/users/{id}/"})
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        return update(visibleUser(id, caller), RequestFields.of(body, false), caller);
    }

    @Operation(summary = "Change some of a user's fields")
    @PatchMapping({"/api/users/{id}/", "/api/admin/users/{id}/"})
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        return update(visibleUser(id, caller), RequestFields.of(body, true), caller);
    }

    @Operation(summary = "Remove a user (its history stays in the event store)")
    @DeleteMapping({"/api/users/{id}/", "/api/admin/users/{id}/"})
    public ResponseEntity<Object> delete(@PathVariable("id") String id, Caller caller) {
        long userId = visibleUser(id, caller);
        return commands.send(AggregateIds.user(userId), new RemoveUser(userId, caller), MODEL, 204, (Object ignored) -> null);
    }

    /**
     * Destroys the user's data key (ADMIN): its names, e-mail, phone, IP addresses and user agents
     * read as erased everywhere from then on, and the account is deactivated for good. Removed
     * users can be erased too; a repeat answers 200 and changes nothing.
     */
    @Operation(summary = "Erase a user's personal data (admin; GDPR)")
    @PostMapping("/api/admin/users/{id}/erase/")
    public ResponseEntity<Object> erase(@PathVariable("id") String id, Caller caller) {
        long userId = PathIds.integer(id);
        return commands.send(AggregateIds.user(userId), new ErasePersonalData(userId, caller), MODEL, 200,
                (Boolean erased) -> Map.of("message", erased ? "Personal data erased"
                        : "Personal data was already erased"));
    }

    @Operation(summary = "Change a user's role")
    @PostMapping("/api/admin/users/{id}/change_role/")
    public ResponseEntity<Object> changeRole(@PathVariable("id") String id,
                                             @RequestBody(required = false) JsonNode body, Caller caller) {
        long userId = visibleUser(id, caller);
        JsonNode value = body == null ? null : body.get("role");
        Role role = value != null && value.isTextual() ? Role.parse(value.asText()) : null;
        if (role == null) {
            throw new CommandRejected(400, Map.of("error", "Valid role is required"));
        }
        return commands.send(AggregateIds.user(userId), new ChangeUserRole(userId, role, caller), MODEL, 200,
                (RoleChange change) -> message("Role changed from " + change.previousRole().name() + " to "
                        + role.name(), change.state()));
    }

    @Operation(summary = "Activate a user")
    @PostMapping("/api/admin/users/{id}/activate/")
    public ResponseEntity<Object> activate(@PathVariable("id") String id, Caller caller) {
        long userId = visibleUser(id, caller);
        return commands.send(AggregateIds.user(userId), new ReactivateUser(userId, caller), MODEL, 200,
                (ActivityChange change) -> change.changed() ? message("User activated successfully", change.state())
                        : Map.of("message", "User is already active"));
    }

    @Operation(summary = "Deactivate a user (it can no longer sign in)")
    @PostMapping("/api/admin/users/{id}/deactivate/")
    public ResponseEntity<Object> deactivate(@PathVariable("id") String id,
                                             @RequestBody(required = false) JsonNode body, Caller caller) {
        long userId = visibleUser(id, caller);
        RequestFields fields = RequestFields.of(body, true);
        String reason = fields.string("reason", false, 1000, true);
        fields.validate();
        DeactivateUser command = new DeactivateUser(userId,
                reason == null || reason.isEmpty() ? "No reason provided" : reason, caller);
        return commands.send(command.aggregateId(), command, MODEL, 200,
                (ActivityChange change) -> change.changed() ? message("User deactivated successfully", change.state())
                        : Map.of("message", "User is already inactive"));
    }

    private ResponseEntity<Object> provision(JsonNode body, Caller caller,
                                             java.util.function.Function<UserAccountState, Object> answer) {
        RequestFields fields = RequestFields.of(body, false);
        UserFields user = UserFields.read(fields, true, schools);
        String firebaseUid = fields.string("firebase_uid", true, 128, false);
        fields.validate();
        long schoolId = caller.isAdmin() ? user.schoolId() : caller.schoolId();
        long userId = ids.nextUserId();
        ProvisionUser command = new ProvisionUser(userId, firebaseUid, user.username(), orEmpty(user.email()),
                orEmpty(user.firstName()), orEmpty(user.lastName()), user.role() == null ? Role.TEACHER : user.role(),
                schoolId, orEmpty(user.phone()), user.active() == null || user.active(), caller);
        return commands.send(command.aggregateId(), command, MODEL, 201, answer);
    }

    private ResponseEntity<Object> update(long userId, RequestFields fields, Caller caller) {
        UserFields user = UserFields.read(fields, true, schools);
        fields.validate();
        UpdateUser command = new UpdateUser(userId, user.username(), user.email(), user.firstName(), user.lastName(),
                user.phone(), user.role(), user.schoolId(), user.active(), caller);
        return commands.send(command.aggregateId(), command, MODEL, 200,
                (UserAccountState state) -> UserResponse.of(state, schools.nameOf(state.schoolId())));
    }

    /** The user's id when the caller may see it: school admins see only their own school (others: 404). */
    private long visibleUser(String segment, Caller caller) {
        long userId = PathIds.integer(segment);
        Long schoolId = users.schoolOf(userId);
        if (schoolId == null || (!caller.isAdmin() && schoolId != caller.schoolId())) {
            throw CommandRejected.notFound(MODEL);
        }
        return userId;
    }

    private Map<String, Object> message(String message, UserAccountState state) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", message);
        answer.put("user", UserResponse.of(state, schools.nameOf(state.schoolId())));
        return answer;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
