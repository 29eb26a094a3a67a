package org.fractionball.lms.command.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contract §5.2 writes: the signed-in user edits its e-mail, names and phone (no field required,
 * so {@code PUT {}} is valid). {@code is_active} and every other field are read-only here (fixing
 * D30); the e-mail must not belong to another user (fixing D17).
 */
@RestController
@Tag(name = "Current user")
public class MeCommandController {
    private final CommandSender commands;
    private final SchoolDomains schools;

    public MeCommandController(CommandSender commands, SchoolDomains schools) {
        this.commands = commands;
        this.schools = schools;
    }

    @Operation(summary = "Edit the signed-in user's profile")
    @PutMapping("/api/me/")
    public ResponseEntity<Object> replace(@RequestBody(required = false) JsonNode body, Caller caller) {
        return change(body, caller);
    }

    @Operation(summary = "Edit some of the signed-in user's profile")
    @PatchMapping("/api/me/")
    public ResponseEntity<Object> patch(@RequestBody(required = false) JsonNode body, Caller caller) {
        return change(body, caller);
    }

    private ResponseEntity<Object> change(JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, true);
        String email = UserFields.email(fields);
        String firstName = fields.string("first_name", false, 150, true);
        String lastName = fields.string("last_name", false, 150, true);
        String phone = fields.string("phone", false, 20, true);
        fields.validate();
        UpdateUser command = new UpdateUser(caller.userId(), null, email, firstName, lastName, phone, null, null, null,
                caller);
        return commands.send(command.aggregateId(), command, UserCommandController.MODEL, 200,
                (UserAccountState state) -> MeResponse.of(UserResponse.of(state, schools.nameOf(state.schoolId()))));
    }
}
